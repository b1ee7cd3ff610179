"""Kurmanji threat grammar, on normalised text (ê î û ş ç → e i u s c).

The threat is the first person with the future (ez ê / em ê / dê) and a
subjunctive violent verb: "ez ê te bikujim", "em ê mala te bişewitînin".
Reports use the past ("balafiran 12 sivîl kuştin", "hatin kuştin") and the
negative puts ne-/na- on the verb ("ez ê te nekujim"). The imperative plural
"wî bikujin" (kill him!) is also the subjunctive after "they wanted / tried
to", which cancels it like a negation; "divê ... bê kuştin" (must be killed)
is a call, "divê tu kes neyê kuştin" (no one must be killed) is not.
"""

from __future__ import annotations

from .build import folded, rule

_FUT = r"(?:\b(?:ez|em)\s*(?:e|de|dixwazim|dixwazin|bixwazim|dikarim)\b|\b(?:eze|eme)\b|\bde(?=\s+(?:te|we)\b))"
_VERB = r"bi(?:kuj|sewitin|xeniqin|skin|cirin|rijin|perciqin|fetisin|tepisin)(?:im|in)\b"
_PERIPHRASTIC = r"(?:gulebaran|serje|ser je|darve|bi dar ve|qir|qirr|tune|helak|perce perce|kun kun)\s*bik(?:im|in)\b"
_OBJ = r"(?:te|we|wi|wan|vi|van|ve|\w+an)"
_GROUP_STEM = (
    r"(?:rojnamevan|nivîskar|nûçegihan|ereb|tirk|kurd|ezidi|êzîdî|fileh|file|mesihi|xiristiyan|sie|şîe|suni|sunni|penaber|jin|ermen"
    r"|cihu|fars|asuri|xayin|cehs|kafir|gawir|hevzayend|gey)"
)
_GROUP = _GROUP_STEM + r"\w*"
_ATTEMPT = (
    r"(?:dixwazin|dixwaze|xwestin|xwest|dixwest|dixwestin|hewl dan|hewl da|hewil dan|hewl didin|biryar dan|plan kirin|plan dikirin"
    r"|nekarin|nikarin|nikare|nekarî|karin|tawanbar e ku|tawanbarin ku|da ku|daku|ji bo ku|jibo ku|ku)"
)

REPORT_BEFORE = folded(
    r"\b(?:got|gotin|gotiye|ragihand|ragihandin|dibêje|dibêjin|nivîsî|nivîsandiye|gef xwar|gef xwarin|gefa|li gorî|bi gotina"
    r"|qîriya|qîriyan|diqîriyan|di peyama|di nameya|slogan|sloganên|tohmet|tawanbar|hate gotin)\b[^.!?]*$"
)
THREAT_WORD = folded(r"\b(?:gef|gefa|gefan|gefên|gefxwarin|tehdît\w*|drûşm\w*|slogan\w*)\b")
REPORT_AFTER = folded(r"^\W*,?\s*(?:\w+\s+)?(?:got|gotin|qîriya|nivîsî|ragihand)\b")
NEGATION = folded(
    r"\b(?:na|ne|tu car|tu kes|tu kesî|kes|qet|hîç|hic|nabe|nabin|li dijî|mehkûm dikin|şermezar dikin|"
    + _ATTEMPT[3:-1]
    + r")\s*$"
)

RULES = [
    rule(
        "explicit:i-will-kill-you",
        0.95,
        "kuj sewitin xeniqin skin cirin rijin perciqin fetisin tepisin gulebaran serje darve qir tune helak perce",
        rf"{_FUT}\s+(?:\w+\s+){{0,5}}?(?:{_VERB}|{_PERIPHRASTIC})",
        stems=True,
    ),
    rule(
        "explicit:i-kill-you",
        0.9,
        "dikujim dikujin disewitinim disewitinin",
        r"\b(?:ez|em)\s+(?:te|we|wi|wan|\w+an)\s+di(?:kuj|sewitin|xeniqin)(?:im|in)\b",
    ),
    rule(
        "explicit:your-head",
        0.92,
        "sere seri zimane lingen desten stuye",
        rf"{_FUT}\s+(?:\w+\s+)?(?:sere|seri|zimane|zmane|lingen|desten|stuye|stu|mala|nivisgeha|ofisa)\s+(?:te|we|wi|wan|\w+)\s+"
        r"(?:je\s+)?(?:bik|bisk|bibir|bicir|biperciq|bisewitin|biteqin|bitek|birux|hilwesin)(?:im|in|inim|inin)\b",
        stems=True,
    ),
    rule(
        "call:must-be-killed",
        0.9,
        "dive divet pewist lazim gerek heq heqe layiqi hejayi",
        r"\b(?:dive|divet|pewist e|lazim e|gerek e)\s+(?:\w+\s+){0,3}?(?:be|ben|were|werin|bihe|bin)\s+"
        r"(?:kustin|sewitandin|xeniqandin|darvekirin|darve kirin|ser jekirin|serjekirin|gulebarankirin|gulebaran kirin|qirkirin|qir kirin|tunekirin|ji hole rakirin)\b"
        r"|\b(?:dive|divet|pewist e)\s+(?:\w+\s+){0,3}?bimir(?:e|in)\b"
        r"|\b(?:heq dike|heq dikin|heqe (?:wi|we|wan|te)|layiqi|hejayi)\s+(?:\w+\s+)?(?:bimire|bimirin|be kustin|mirin|mirine|gule|guleyek|guleyeke|kustin|kustine|darve)\b",
        stems=True,
    ),
    rule(
        "call:kill-him",
        0.9,
        "bikujin bikuje bisewitinin bixeniqinin darve dar qir hole gulebaran",
        rf"\b(?:{_OBJ}|(?:vi|wi|ve|we|van|wan)\s+\w+)\s+bi(?:kuj|sewitin|xeniqin|fetisin)(?:in|e)\b(?!\s+(?:dixwazin|xwestin))"
        rf"|\b(?:hemu|hemû|giş|gis)\s+{_GROUP}\s+(?:\w+\s+)?(?:bikujin|ji hole rakin|bisewitinin|qir bikin|bi dar ve bikin|gulebaran bikin)\b",
        stems=True,
    ),
    rule(
        "call:shoot-him-in-the-head",
        0.9,
        "gule gulle",
        r"\bgul(?:e|le)\s+(?:\w+\s+)?li\s+(?:sere|seri|singa|dile|eniya)\s+(?:wi|we|wan|te|\w+)\s+(?:bidin|bide|bixin|berdin|bireşînin|bireşinin|biteqînin)\b",
        stems=True,
    ),
    rule(
        "call:someone-kill-him",
        0.9,
        "kesek yek mirovek ciwanek ciwan",
        r"\b(?:kesek|yek|mirovek|ciwanek|ciwan|gel)\s+(?:\w+\s+){0,2}?(?:bikuje|bisewitine|bixeniqine|gule li \w+ bide|gule berde|gulebaran bike|bi dar ve bike)\b",
    ),
    rule(
        "call:eliminate",
        0.9,
        "hole rakin",
        rf"\b{_GROUP_STEM}(?:an|yan)\s+(?:\w+\s+)?ji\s+hole\s+rakin\b",
        stems=True,
    ),
    rule(
        "incitement:death-to",
        0.7,
        "mirin bimre bimrin",
        r"\bmirin\s+ji\s+(?:\w+\s+){1,3}?re\b|\bmirin\s+li\s+\w+\s+be\b|\bbimr(?:e|in)\s+\w+",
    ),
    rule(
        "incitement:arms-anfal",
        0.85,
        "cekan cek enfal enfale helebce",
        r"\bçekan\s+hilgirin\s+(?:li dijî|û)|\b(?:enfaleke|helebceyeke|qirkirineke)\s+(?:din|nû)\b|\bdîsa\s+(?:enfal|qir)\s+bikin\b",
        stems=True,
    ),
    # "Xwedê te bikuje" (God kill you), "Xwedê te helak / tune bike" (God
    # destroy you), "Xwedê mirinê bide te" (God give you death), "Xwedê
    # destê te bişkîne" (God break your hand). "Xwedê sebrê bide te" (God
    # give you patience, a condolence) and "Xwedê destê te xweş bike" (bless
    # your hand) name no harm.
    rule(
        "wish:god-kill-you",
        0.85,
        "xwede",
        rf"\bxwede\s+(?:{_OBJ}|(?:vi|wi|ve|we|van|wan)\s+\w+)\s+bi(?:kuj|sewitin|xeniqin)e\b|\bxwede\s+(?:te|wi|wan)\s+bibe\b"
        r"|\bxwede\s+(?:te|we|wi|wan)\s+(?:helak|tune|kor|qir)\s+bike\b"
        r"|\bxwede\s+(?:mirin|mirine|mirina|bela|belaya|belaye|kul|kula|derd|derda|penceseri|penceseriye)\s+(?:(?:te|we|wi|wan)\s+)?bide(?:\s+(?:te|we|wi|wan))?\b"
        r"|\bxwede\s+(?:deste|desten|linge|lingen|zimane|stuye|sere)\s+(?:te|we|wi|wan)\s+(?:biskine|bibire|bisewitine)\b",
    ),
    # Curses short of death and "go to hell" ("here dojehê", "tu di dojehê de
    # bişewitî": may you burn in hell). "Jiyana li kampê dojeh e" (life in the
    # camp is hell) has no one sent there. Held like any Kurdish rule hit.
    rule(
        "wish:god-curse-you",
        0.5,
        "nefret nifret nifir heqe dojeh dojehe dojehê cehnem cehenem cehneme",
        r"\bxwede\s+(?:nefret|nifret|nifir|lenet)\s+li\s+(?:te|we|wi|wan)\s+(?:bike|bibare|be)\b"
        r"|\b(?:nefret|nifret|nifir)\s+li\s+(?:te|we)\s+(?:be|bin|bibe)\b"
        r"|\bxwede\s+heqe\s+(?:te|we|min|me)\s+ji\s+(?:te|we|wi|wan)\s+(?:bistine|bigire)\b"
        r"|\b(?:here|herin|tu\s+bici|hun\s+bicin|bici)\s+(?:nav\s+)?(?:dojeh|cehnem|cehenem)\w*"
        r"|\b(?:dojeh|cehnem|cehenem)\w*\s+(?:de\s+)?(?:\w+\s+)?bisewit(?:i|e|in)\b",
        negatable=False,
    ),
    rule(
        "wish:hope-he-dies",
        0.85,
        "hevidarim hevidar hevi xwezi xwezika insallah inshallah isalla isallah bimiri bimire bimirin",
        r"\b(?:hevidarim|hevidar im|hevi dikim|xwezi|xwezika|ez dixwazim|insallah|inshallah|isalla|isallah)\s+(?:(?!ez\b|min\b)\w+\s+){0,3}?"
        r"(?:bimire|bimirin|bimira|bimre|bimiri|bimri|be kustin|bihata kustin|bihate kustin|were kustin|bisewite|bisewiti|tune bibe|tune bibi)\b"
        # "tu bimirî!" alone (may you die), "bimirî inşallah": not "heke tu
        # bimirî" (if you die) or "berî ku tu bimirî" (before you die).
        r"|(?:^|[.!?\n]\s*)tu\s+bimir(?:i|e)\b(?:\W{1,3}\w+)?\s*(?:[.!?\n]|$)"
        r"|\bbimir(?:i|e|in)\s+(?:insallah|inshallah|isalla|isallah)\b",
    ),
    # Veiled: "tu yê bedela vê bidî" (you will pay for this), "dawiya te
    # nêzîk e" (your end is near), "tu dirêj najî" (you won't live long),
    # "em ê hesabê te bibînin" (we will settle your account).
    rule(
        "veiled:your-end-is-near",
        0.75,
        "bedela bedel dawiya naji najin neji hesabe bibini bibinin",
        r"\btu\s*(?:ye|e)\s+bedel\w*\s+(?:\w+\s+)?bid(?:i|e)\b"
        r"|\bdawiya\s+(?:te|we)\s+(?:gelek\s+|pir\s+)?nezik\s+(?:e|bu|ye)\b"
        r"|\b(?:tu|hun)\s+(?:\w+\s+)?(?:direj|zede|gelek|pir)\s+(?:naji|najin)\b"
        r"|\bem\s*(?:e|de)\s+hesab(?:e|a)\s+(?:te|we)\s+(?:bibinin|bikin|bipirsin)\b"
        r"|\b(?:tu|hun)\s*(?:ye|e)\s+bibin(?:i|in)\s+(?:ka\s+)?ci\s+(?:te|were|be|dibe)\s+sere\s+(?:te|we)\b",
    ),
    rule(
        "veiled:we-know-where-you-live",
        0.85,
        "dizanin dizanim",
        r"\b(?:em|ez)\s+(?:dizanin|dizanim|zanin|zanim)\s+(?:(?:mal|nivisgeh|ofis|buro|dibistan|zarok|jin|kec|kur|malbat)\w*\s+(?:ya\s+|yen\s+|a\s+|e\s+)?te\s+"
        r"(?:li ku|ku dere|kijan)|tu\s+li\s+ku\s+(?:diji|dijit|dixebiti|radize|razê|yi|i)\b|zaroken te (?:dicin|dice) kijan)",
    ),
    rule(
        "veiled:watch-your-back",
        0.8,
        "pista",
        r"\bhay\s+ji\s+pista\s+xwe\s+hebe\b|\bpista\s+xwe\s+biparêze\b",
    ),
    rule(
        "veiled:you-will-regret",
        0.75,
        "posman",
        r"\bem\s*e\s+te\s+posman\s+bikin\b|\btu\s*(?:ye|e)\s+(?:ji\s+\w+\s+(?:\w+\s+)?)?posman\s+bibi\b",
    ),
    rule(
        "veiled:days-are-numbered",
        0.8,
        "rojen dora",
        r"\brojen\s+te\s+hejmarti\s+ne\b|\bdora\s+te\s+(?:ye|ji te)\b",
    ),
    rule(
        "veiled:no-escape",
        0.75,
        "nikari nareve xilas hisyariya",
        r"\btu\s+nikari\s+ji\s+me\s+birevi\b|\bji\s+deste\s+me\s+xilas\s+nabi\b|\bhisyariya\s+(?:te\s+ya\s+)?dawi",
    ),
    rule(
        "veiled:think-of-your-children",
        0.75,
        "bifikire",
        r"\bli\s+(?:zaroken|malbata|jina|diya)\s+xwe\s+bifikire\b",
    ),
    rule(
        "veiled:same-fate",
        0.85,
        "sere",
        r"\bhat\s+sere\s+\w+(?:\s+\w+)?\s+(?:de\s+|e\s+)?(?:were|be)\s+sere\s+te\b",
    ),
]
