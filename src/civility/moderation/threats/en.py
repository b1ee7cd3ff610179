"""English threat grammar (see __init__.py for the kinds and the strengths).

Read a rule as: WHO (a first-person subject, someone, a person who should
be...) + WHAT (a violent act, a fate) + WHOM (a person: a pronoun, a
profession, a group). Civil sentences use the same verbs with other
subjects and tenses ("the airstrike killed twelve civilians", "he was
threatened with death", "executions must be investigated"); they do not
fit the constructions, and tests/moderation/test_threats.py keeps it so.
"""

from __future__ import annotations

import re

from .build import rule, words

# --- who is threatened ---------------------------------------------------------------

_NOUNS = """journalist reporter correspondent editor writer author columnist blogger
presenter anchor broadcaster photographer photojournalist commentator critic activist
lawyer judge politician minister mp mayor governor president official officer cop teacher
doctor nurse student imam priest cleric mullah sheikh traitor infidel apostate kafir
collaborator agent bastard bitch pig dog rat idiot moron clown liar guy girl boy kid
bloke dude cunt whore slut fag faggot leader boss owner employee worker member supporter
voter protester demonstrator refugee immigrant migrant foreigner neighbour neighbor son
daughter husband mother father brother sister parent kurd arab turk persian yazidi yezidi
christian jew muslim shiite sunni alawite assyrian armenian chaldean kakai shabak turkmen
gay lesbian homosexual queer feminist atheist communist infidel heretic""".split()
_IRREGULAR = {
    "man": "men",
    "woman": "women",
    "child": "children",
    "person": "people",
    "wife": "wives",
    "spy": "spies",
    "family": "families",
    "anchorman": "anchormen",
    "cameraman": "cameramen",
    "camerawoman": "camerawomen",
    "policeman": "policemen",
    "policewoman": "policewomen",
    "shia": "shias",
}
_PLURALS = [n + ("es" if n.endswith(("ch", "sh", "s")) else "s") for n in _NOUNS]
PERSON_N = words(
    _NOUNS,
    _PLURALS,
    list(_IRREGULAR),
    list(_IRREGULAR.values()),
    ["press", "staff", "scum", "kids", "police", "newsroom"],
)
# "the", "this", "every"... and up to two modifiers that are not function words.
_DET = words(
    "this", "that", "the", "these", "those", "every", "each", "all", "all the", "all of the",
    "all these", "all those", "any", "some", "your", "ur", "our", "their", "his", "her", "my",
    "a", "an", "such", "another", "one", "both", "every single", "every last", "each and every",
)  # fmt: skip
_MOD = (
    r"(?!(?:that|which|who|whom|of|for|to|in|on|at|with|and|or|but|is|are|was|were|be|been"
    r"|if|when|because|as|than|so|then|from|by|the|a|an|will|would|should|must|not|no)\b)"
    r"[a-z][\w'-]*"
)
PERSON_NP = (
    rf"(?:(?:{_DET})\s+(?:{_MOD}\s+){{0,2}}|(?:{_MOD}\s+)?){PERSON_N}\b"
    r"|(?:whoever|anyone who|anybody who|the (?:one|man|woman|person|guy|idiot) who|those who|people who)"
    r"\s+(?:wrote|writes|published|publishes|said|says|posted|made|supports?|voted for)\s+(?:this|that|it|these|those|them|him)\b"
    r"|(?:people|someone|men|women|those|the likes) (?:like|of) (?:you|u|him|her|them|this|that)\b"
    r"|(?:you|u) (?:people|lot|guys|all|both|bastards|traitors|dogs|pigs|idiots)\b"
    r"|(?:rudaw|kurdistan24|k24|nrt|the press|the media)(?:\s+(?:staff|people|journalists|reporters))?\b"
)
PRONOUN = r"(?:you|u|ya|yall|y'all|ye|thee|him|her|them|(?:all|each|every one|both|some|most|any|the rest|the lot) of (?:you|them|u)|every(?:one|body)|every single one of (?:you|them))\b"
# Not a person: "shoot you a message", "kill you with kindness", "hang you out to dry".
_NOT_HARM = (
    r"(?!\s+(?:a|an)\s+(?:message|email|e-mail|mail|line|text|note|dm|pm|look|glance|question"
    r"|smile|link|photo|picture|call|query|wink|reply|cd|copy)\b)"
    r"(?!\s+with\s+(?:kindness|love|laughter|jokes|compliments))(?!\s+out\s+to\s+dry)"
)
VICTIM = rf"(?:{PERSON_NP}|{PRONOUN}){_NOT_HARM}"
POSS = r"(?:your|ur|his|her|their|them|that|this)"
BODY = words(
    "throat", "throats", "neck", "necks", "leg", "legs", "arm", "arms", "finger", "fingers",
    "hand", "hands", "head", "heads", "skull", "skulls", "face", "faces", "teeth", "tooth",
    "jaw", "bones", "spine", "knee", "knees", "kneecaps", "tongue", "tongues", "eye", "eyes",
    "brain", "brains", "heart", "guts", "belly", "nose", "ear", "ears", "balls", "ribs",
)  # fmt: skip
KIN_PLACE = words(
    "office", "offices", "house", "home", "flat", "apartment", "family", "kids", "children",
    "child", "son", "sons", "daughter", "daughters", "wife", "husband", "mother", "mum", "mom",
    "father", "dad", "parents", "brother", "sister", "school", "car", "street", "village",
    "studio", "newsroom", "gym", "mosque", "church", "cafe", "room", "address", "route",
    "neighbourhood", "neighborhood", "desk", "workplace", "hotel", "bureau", "loved ones",
    "little one", "little ones", "baby", "grandchildren", "relatives",
)  # fmt: skip

# --- what is done -----------------------------------------------------------------------

HARM = words(
    "kill", "murder", "shoot", "stab", "strangle", "behead", "decapitate", "slaughter", "butcher",
    "hang", "lynch", "rape", "execute", "torture", "choke", "crucify", "maim", "kneecap",
    "massacre", "assassinate", "liquidate", "exterminate", "eradicate", "annihilate", "poison",
    "drown", "gas", "gut", "disembowel", "dismember", "incinerate", "castrate", "mutilate",
    "burn", "torch", "bomb", "gun down", "mow down", "run over", "blow up", "stone", "skin",
    "hurt", "beat up", "murderize", "electrocute", "suffocate", "bury", "whack", "fuck up",
)  # fmt: skip
# Verbs with a violent sense only when a person is the object: "end you",
# "silence him" (not "end voter fraud", "waste time").
HARM_PRONOUN = words(
    "end",
    "silence",
    "disappear",
    "eliminate",
    "neutralise",
    "neutralize",
    "waste",
    "off",
    "smoke",
    "ice",
    "cap",
)
HARM_3SG = words(
    "kills", "murders", "shoots", "stabs", "strangles", "beheads", "slaughters", "butchers", "hangs",
    "lynches", "rapes", "executes", "tortures", "chokes", "poisons", "drowns", "gases", "burns",
    "bombs", "guns down", "runs over", "blows up", "buries", "beats up", "takes out", "finishes off",
    "puts down", "strings up", "wipes out", "assassinates", "massacres", "exterminates",
)  # fmt: skip
HARMED = words(
    "killed", "murdered", "shot", "shot dead", "stabbed", "strangled", "beheaded", "decapitated",
    "slaughtered", "butchered", "hanged", "hung", "lynched", "raped", "burned", "burnt",
    "burned alive", "burnt alive", "bombed", "executed", "tortured", "choked", "skinned alive",
    "gunned down", "mowed down", "run over", "finished off", "taken out", "put down", "wiped out",
    "exterminated", "eliminated", "eradicated", "annihilated", "buried alive", "drowned",
    "poisoned", "gassed", "torched", "silenced", "crucified", "stoned", "stoned to death",
    "flogged", "maimed", "beaten to death", "beaten up", "kneecapped", "strung up", "massacred",
    "assassinated", "liquidated", "put to death", "put to the sword", "hacked to death",
    "shot in the head", "set on fire", "set alight", "blown up", "blown to pieces", "castrated",
    "dismembered", "mutilated", "disemboweled", "disembowelled", "thrown off a roof",
    "thrown off a building", "fed to the dogs", "cut into pieces", "cut to pieces", "dragged through the streets",
    "put against a wall", "put against the wall", "lined up and shot", "made to disappear",
    "wiped off the map", "wiped off the face of the earth", "electrocuted", "suffocated",
    "nailed to the wall", "nailed to a wall", "nailed to a cross", "nailed to the cross", "sent to the gas chambers",
)  # fmt: skip
# Verbs with their object in the middle: "take him out", "beat him to death".
PHRASAL = (
    rf"(?:take\s+(?:him|her|them|that \w+|this \w+)\s+out(?=\s*(?:[.!?,;]|$|\s+(?:for good|permanently|once and for all|with a)))"
    rf"|fuck\s+{VICTIM}\s+up\b|(?:beat|kick|knock|slap)\s+the\s+(?:shit|crap|hell|life|living daylights|fuck)\s+out\s+of\s+{VICTIM}"
    rf"|light\s+{VICTIM}\s+on fire|off with (?:his|her|their|your) heads?\b"
    rf"|send\s+{VICTIM}\s+to\s+(?:the\s+)?(?:guillotine|gallows|firing squad|gas chambers?|ovens|grave|morgue|hell)\b"
    rf"|finish\s+{VICTIM}\s+off|put\s+{VICTIM}\s+down(?!\s+(?:as|for|on|in))"
    rf"|string\s+{VICTIM}\s+up|wipe\s+{VICTIM}\s+out|do\s+{VICTIM}\s+in\b|bump\s+{VICTIM}\s+off"
    rf"|beat\s+{VICTIM}\s+(?:up|to death|to a pulp|senseless|black and blue|half to death)"
    rf"|hunt\s+{VICTIM}\s+down|(?:burn|bury|skin)\s+{VICTIM}\s+alive"
    rf"|(?:stab|stone|hack|beat|kick|starve|flog|whip)\s+{VICTIM}\s+to death"
    rf"|shoot\s+{VICTIM}\s+(?:dead|in the (?:head|face|back|heart|chest|knees?|legs?|balls))"
    rf"|(?:chop|cut)\s+{VICTIM}\s+(?:up|into pieces|to pieces)|run\s+{VICTIM}\s+over"
    rf"|(?:gun|mow)\s+{VICTIM}\s+down|blow\s+{VICTIM}\s+(?:up|to pieces|to bits)"
    rf"|set\s+{VICTIM}\s+(?:on fire|alight|ablaze)|put\s+{VICTIM}\s+(?:in|into)\s+(?:a|the|an early)\s+(?:grave|coffin|ground|body bag|hospital|wheelchair))"
)
BULLET = (
    r"(?:put|plant|pump|stick|shove|drive|sink|lodge|fire|send|give|take)\s+"
    r"(?:a|one|some|two|three|a few|several|six|many|\d+|my|our)\s+"
    r"(?:bullets?|slugs?|rounds?|knife|knives|blades?|daggers?|bullet holes?|lead|machete)\s+"
    rf"(?:in|into|through|between|to|at)\s+(?:{VICTIM}|{POSS}\s+(?:\w+\s+)?{BODY})"
    rf"|give\s+{VICTIM}\s+(?:a|the|one)\s+(?:bullet|rope|noose|knife|beating|taste of (?:lead|steel|the knife))"
)
BODY_HARM = (
    r"(?:cut|slit|slice|break|snap|smash|crush|bash|cave|blow|rip|tear|gouge|chop|hack|knock|twist|pull|kick|stab|shoot)"
    r"\s+(?:off\s+|out\s+|in\s+|open\s+)?(?:all of\s+|every one of\s+)?"
    rf"{POSS}\s+(?:\w+\s+){{0,2}}{BODY}\b(?:\s+(?:off|out|in|open|apart))?"
)
PROPERTY = (
    r"(?:burn|burn down|torch|bomb|blow up|firebomb|set fire to|set on fire|raid|storm|smash up"
    r"|wreck|trash|shoot up|attack|level|raze)\s+(?:down\s+)?"
    r"(?:your|ur|his|her|their|rudaw's|the rudaw|the kurdistan24|the nrt)\s+(?:\w+\s+)?"
    r"(?:house|home|houses|homes|office|offices|newsroom|studio|studios|car|shop|building|station"
    r"|headquarters|hq|bureau|village|tent|printing press|flat|apartment|family home)"
)
# Words of which one is in every ACT: the rules that use ACT run only then.
ACT_TRIGGERS = (
    "kill murder shoot stab strangle behead decapitate slaughter butcher hang lynch rape execute "
    "torture choke crucify maim kneecap massacre assassinate liquidate exterminate eradicate "
    "annihilate poison drown gas gut disembowel dismember incinerate castrate mutilate burn torch "
    "bomb gun mow run blow stone skin hurt beat murderize electrocute suffocate bury whack fuck "
    "end silence disappear eliminate neutralise neutralize waste off smoke ice cap take finish put "
    "string wipe do bump hunt chop cut set light send plant pump stick shove drive sink lodge fire "
    "give slit slice break snap smash crush bash cave rip tear gouge hack knock twist pull kick "
    "raid storm wreck trash attack level raze firebomb"
)
ACT = (
    rf"(?:{HARM}\s+{VICTIM}|{HARM_PRONOUN}\s+{PRONOUN}{_NOT_HARM}|{PHRASAL}|{BULLET}|{BODY_HARM}|{PROPERTY}"
    r"|(?:exterminate|gas|lynch|behead)\s+(?:the|all|these|those|every)\s+(?:\w+\s+)?\w+s\b)"
)

# --- first person intent -------------------------------------------------------------------

SUBJ1 = (
    r"\b(?:i|we|ill|im|ima|imma|i'ma|me and my (?:boys|brothers|friends|men|guys|cousins)"
    r"|my (?:boys|brothers|friends|men|guys|cousins) and i|our (?:men|boys|brothers|fighters|guys))\b"
)
AUX1 = words(
    "'ll", "'m", "'re", "'d", "'ve", "will", "shall", "would", "am", "are", "gonna", "going to",
    "gon", "na", "wanna", "want to", "intend to", "plan to", "promise to", "promise", "swear to",
    "swear", "vow to", "vow", "really", "just", "personally", "definitely", "literally", "gladly",
    "happily", "totally", "surely", "seriously", "then", "soon", "eventually", "one day",
    "someday", "come and", "come", "coming to", "and", "go and", "can", "could", "should", "must",
    "need to", "have to", "has to", "got to", "gotta", "ll", "m", "d", "re", "ve", "fucking",
    "fuckin", "myself", "ourselves", "all", "both", "finally", "also", "still", "first",
    "make sure to", "be the one to", "be the first to", "can't wait to", "cannot wait to",
    "cant wait to", "like to", "love to", "about to", "ready to", "prepared to", "willing to",
    "happy to", "glad to", "going", "to", "hope to", "will be the one to", "find you and",
    "find him and", "find her and", "hunt you down and", "track you down and", "catch you and",
    "wait for you and", "come to your house and", "come to your office and", "come over and",
    "go to your house and", "go to your office and", "go to your home and", "visit you and",
    "so", "and then", "i", "we", "do", "tonight", "tomorrow", "personally", "swear to god",
    "swear to allah", "by god", "by allah", "wallah", "wallahi", "i swear", "promise you",
)  # fmt: skip
INTENT = rf"{SUBJ1}(?:\s*(?:{AUX1})\b){{1,7}}\s*"
# Future or will, not a plain past or present: "we beat them" is football.
INTENT_FUTURE = (
    rf"{SUBJ1}(?:\s*(?:{AUX1})\b){{0,4}}?\s*"
    r"(?:'ll|will|shall|gonna|going to|'m going to|am going to|are going to|'re going to|"
    r"'re coming to|are coming to|'m coming to|am coming to|wanna|want to|swear|promise)"
    rf"(?:\s*(?:{AUX1})\b){{0,4}}\s*"
)

# --- reported speech, negation ---------------------------------------------------------------

REPORT_BEFORE = re.compile(
    r"(?:\b(?!(?:i|we)\b)[a-z]+\s+(?:said|says|told|tells|wrote|writes|shouted|shouts|yelled"
    r"|screamed|chanted|chant|chanting|threatened|warned|texted|tweeted|posted|messaged|claimed"
    r"|testified|recalled|stated|declared|added|repeated|was heard|were heard)\b"
    r"|\baccording to\b|\breportedly\b|\ballegedly\b|\bquoted\b|\bsaying\b|\bthe words\b"
    r"|\b(?:who|which|that)\s+(?:\w+\s+)?(?:believe|believes|think|thinks|say|says|claim|claims|demand|demands|argue|argues|insist|insists|want|wants)\b"
    r"|\b(?:message|letter|note|text|threat|graffiti|sign|banner|caption|video|statement|post"
    r"|tweet|leaflet|voicemail|email|slogan)s?\s+(?:that\s+)?(?:said|read|reads|saying|stated"
    r"|stating|warned|warning|with the words)\b"
    r"|\b(?:threats?|messages?) (?:such as|like|saying|reading)\b"
    r"|\b(?:accused of|charged with|convicted of|arrested for|jailed for|sentenced for)\s+(?:saying|writing|posting|threatening|shouting)"
    r"|\b(?:he|she|they|it|isis|daesh|the \w+)\s+(?:\w+\s+)?(?:wants?|tried|trying|plans?|planned|planning|threatened|threatens|vowed|vows"
    r"|attempted|sought|seeks|intends?|intended|promised|pledged|called|calls|urged|urges)\s+(?:to|for)\s*$)"
    r"[^.!?]*$"
)
THREAT_WORD = re.compile(
    r"\b(?:threat|threats|threatened|threatening|threatens|slogans?|chant|chants|chanted|chanting)\b"
)
REPORT_AFTER = re.compile(
    r"^\W*,?\s*(?:he|she|they|the \w+|police|officials?|witnesses|someone|somebody|a man|a woman"
    r"|[a-z]+)\s+(?:\w+\s+)?(?:said|says|told|shouted|yelled|screamed|wrote|added|warned|recalled"
    r"|claimed|is quoted|was quoted|texted|posted|tweeted|chanted)\b"
    r"|^\W*(?:said|shouted|wrote|yelled|screamed|chanted)\s+(?:the|a|one|he|she|they)\b"
)
NEGATION = re.compile(
    r"(?:\b(?:no|not|never|nobody|noone|none|neither|nor|without)\s*$|n't\s*$|\bno one\s*$"
    r"|\b(?:don't|do not|doesn't|does not|didn't|did not|never|nobody|no one|not|won't|wouldn't"
    r"|shouldn't|cannot|can't)\s+(?:\w+\s+)?(?:think|believe|say|saying|said|agree|want|wish|hope"
    r"|suggest|suggesting|mean|meant|claim|claiming|support|accept|call|calling|condone|advocate"
    r"|advocating|endorse|encourage|encouraging|ask|asking|pretend|imply|implying)\b"
    r"(?:\s+(?:for|that|anyone|anybody|someone|somebody|people|you|to|he|she|they))*\s*$"
    r"|\b(?:wrong|unacceptable|disgusting|shameful|criminal|illegal|a crime|dangerous|sick|evil"
    r"|not ok|not okay)\s+to\s+(?:say|suggest|write|claim|demand|call for|wish|think|threaten)"
    r"\s+(?:that\s+)?$"
    r"|\b(?:against|condemn|condemns|condemned|condemning|oppose|opposes|opposed|reject|rejects"
    r"|denounce|denounced|stop|stopping|prevent|preventing|ban|banning|punish|prosecute)\s+"
    r"(?:the\s+)?(?:calls?|those|anyone|people|demands?)\s+(?:to|for|who|calling|saying)?\s*$)"
)

# --- the rules ---------------------------------------------------------------------------------

_SUBJ3 = (
    rf"(?:{PERSON_NP}|he|she|they|you|u|this guy|that guy|this one|someone like (?:you|him|her))"
)
MODAL_D = (
    r"(?:should've|should have|must've|must have|ought to have|should|must|shall|ought to|needs? to|has to|have to|deserves? to|deserved to|gotta|got to"
    r"|had better|'d better|better|has got to|have got to)"
)
_ADV = r"(?:(?:all|just|really|simply|definitely|publicly|immediately|also|first|then|each|both|seriously|honestly|frankly|already|finally|slowly)\s+)"
CALLER = (
    r"\b(?:someone|somebody|anyone|anybody|one of (?:us|you|them|our \w+)|a (?:real |true )?(?:man|patriot|hero|brother|sniper)"
    r"|real men|true patriots|patriots|the people|people|the public|the youth|the mob|the tribe|we all|all of us"
    r"|you guys|y'all|our (?:brothers|men|boys|fighters|youth|guys|people|heroes)|some hero|some patriot)"
)
CALL_MODAL = (
    r"(?:should|must|needs? to|ought to|has to|have to|gotta|got to|had better|'d better|better|please|will|is going to"
    r"|are going to|is gonna|are gonna|can|could|would|needs to just|should just|must just|go and|come and|just"
    r"|would do (?:us all|the world|everyone|kurdistan) a favou?r and|do (?:us all|the world|everyone) a favou?r and"
    r"|should really|really should|seriously should|finally|has got to|have got to)"
)
WISH = (
    r"\b(?:hope|hopes|hoping|wish|wishes|wishing|pray|prays|praying|can'?t wait (?:for the day|until|till|til)"
    r"|cannot wait (?:for the day|until|till)|looking forward to the day|look forward to the day|dream of the day"
    r"|would love to see|would like to see|'d love to see|'d like to see|want to see|wanna see"
    r"|would be (?:glad|happy|nice|great|good|wonderful|a blessing|a gift|a good day|a great day) (?:if|when|to see)"
    r"|'d be (?:glad|happy|nice|great|good) (?:if|when|to see)|it'd be (?:nice|great|good) if"
    r"|would celebrate (?:if|when)|will celebrate (?:when|the day)|can't wait to see)"
    r"(?:\s+(?:that|the day|for the day|when|if))?"
)
_WISHED = rf"(?:{PERSON_NP}|you|u|he|she|they|him|her|them|someone|somebody|his (?:whole )?family|your (?:whole )?family)"
_WISH_AUX = r"(?:\s+(?:will|would|'ll|gets?|got|finally|soon|one day|just|all|is|are|be|was|were|to|slowly|painfully|get|gonna|really|someday|eventually))*"
FATE = (
    r"(?:dies|die|died|dead|killed|shot|hanged|hung|murdered|stabbed|burned|burnt|burns|burn|rots|rot|chokes"
    r"|bleeds|bleed|drowns|drown|executed|beheaded|slaughtered|lynched|blown up|run over|hit by a (?:car|truck|bus|bullet|bomb)"
    r"|gets? cancer|found dead|found in a (?:ditch|river|dumpster)|never wakes? up|stops? breathing|six feet under"
    r"|in a (?:coffin|grave|body bag)|disappears|vanishes|has an accident|have an accident|tortured|gassed|raped)\b"
    r"(?!\s+(?:laughing|of laughter|of boredom|of old age|in (?:his|her|their) sleep peacefully|happy|in hell))"
)

RULES = [
    # explicit: I / we + intent + act on a person -----------------------------------------
    rule(
        "explicit:harm-a-person",
        0.95,
        ACT_TRIGGERS,
        rf"{INTENT}{ACT}",
    ),
    rule(
        "explicit:make-you-bleed",
        0.9,
        "make bleed disappear vanish beg dead",
        rf"{INTENT}make\s+(?:{VICTIM})\s+(?:bleed|disappear|vanish|beg for (?:death|mercy|your life)|wish (?:you|he|she|they) (?:were|was) (?:dead|never born))",
    ),
    rule(
        "explicit:make-you-pay",
        0.7,
        "make pay suffer regret",
        rf"{INTENT_FUTURE}make\s+(?:you|u|him|her|ya)\s+(?:pay|suffer|regret)\b",
    ),
    rule(
        "explicit:never-again",
        0.9,
        "sure",
        rf"{INTENT_FUTURE}make\s+sure\s+(?:that\s+)?(?:you|u|he|she|they)\s+(?:never|don't|do not|won't|will never|can't|cannot|can never)\s+"
        r"(?:write|speak|talk|walk|see|breathe|wake up|open (?:your|his|her|their) mouths?|publish|work|report|come home|go home|live)",
    ),
    rule(
        "explicit:shut-up-for-good",
        0.9,
        "shut silence",
        rf"(?:shut\s+{VICTIM}\s+up|silence\s+{VICTIM})\s+(?:for good|forever|permanently|once and for all|for ever|for life)",
    ),
    rule(
        "explicit:we-are-coming",
        0.8,
        "coming",
        rf"{SUBJ1}(?:'re|'m|\s+are|\s+am)\s+(?:\w+\s+){{0,2}}?coming\s+(?:for|after)\s+(?:you|u|ya|him|her|them|your\s+\w+|{PERSON_NP})\b",
    ),
    rule(
        "explicit:coming-for-you",
        0.8,
        "get find deal come coming hunt after",
        rf"{INTENT_FUTURE}(?:get|find|deal with|come for|come after|coming for|coming after|go after|hunt|hunt down|sort out|settle (?:with|scores with|accounts with))\s+"
        r"(?:you|u|ya|him|her|them|you all|y'all)\b"
        r"(?:\s+(?:soon|eventually|one day|sooner or later|for this|for that|for what you(?: wrote| said| did| published)?|wherever you (?:are|hide|go|live)|too|personally|all|first|next))*"
        r"\s*(?:[.!?,;]|$)",
    ),
    # the reader's fate ------------------------------------------------------------------------
    rule(
        "fate:you-are-dead",
        0.8,
        "dead next marked list",
        r"(?<!when )(?<!until )(?<!till )(?<!after )(?<!if )(?<!once )(?<!unless )\b(?:you|u)(?:'re|\s+are|\s+r|re)\s+(?:so\s+|already\s+|now\s+|as good as\s+)?"
        r"(?:dead|a dead man|a dead woman|dead meat|a dead man walking|next|a marked man|a marked woman"
        r"|on (?:our|the|my) (?:list|hit list|kill list|death list))\b"
        r"(?!\s+(?:wrong|right|tired|on|with|in|to|at|for|of|serious|kidding|joking|funny|set|against|after|year|week|time|door|generation))",
    ),
    rule(
        "fate:you-will-die",
        0.8,
        "die killed dead shot hanged bleed found end disappear vanish never live survive wake",
        r"\b(?:you|u)(?:'ll|\s+will|\s+are going to|'re going to|\s+gonna|'re gonna|\s+shall)\s+(?:soon\s+|surely\s+|definitely\s+|all\s+|certainly\s+)?"
        r"(?:die|be killed|be dead|be shot|be hanged|bleed|be found dead|be found in a ditch|end up dead"
        r"|end up in (?:a|the) (?:ditch|coffin|grave|body bag|river|morgue)|never (?:write|speak|walk|wake up|be found|come home|go home|live to)"
        r"|not (?:live|survive|see|wake up) (?:long|to see|another|the next|tomorrow))\b"
        r"(?!\s+(?:laughing|of laughter|of boredom|of old age|happy|young|rich|poor|early|eventually|one day|someday|anyway|alone|of (?:cancer|hunger|thirst|heat|cold)))",
    ),
    rule(
        "fate:you-will-pay",
        0.65,
        "pay regret suffer",
        r"\b(?:you|u)(?:'ll|\s+will|\s+are going to|'re going to|\s+gonna|'re gonna|\s+shall)\s+(?:soon\s+|surely\s+|definitely\s+|dearly\s+)?"
        r"(?:pay (?:for (?:this|that|it|what you|your words|your lies|writing|every)|with your (?:life|blood|head))|pay dearly"
        r"|regret (?:this|that|it|writing|saying|publishing|what you|the day|every|ever|opening|insulting|mocking|crossing|messing|your words|coming)"
        r"|suffer (?:for (?:this|that|it|what)|like|the (?:same|consequences)))",
    ),
    rule(
        "fate:days-are-numbered",
        0.8,
        "days numbered end turn time",
        r"\byour\s+days\s+are\s+numbered\b(?!\s+(?:as|in|at))|\byour\s+(?:end|death|turn|time)\s+(?:is near|is coming|will come soon|has come|is close|is up)\b",
    ),
    rule(
        "fate:wont-live",
        0.8,
        "live survive last see",
        r"\b(?:you|u)\s+(?:won't|will not|wont|are not going to|aren't going to)\s+"
        r"(?:live|survive|last|see)\s+(?:long|much longer|to see|another|the next|the end of|next)\b(?!\s+(?:in (?:office|power|the job)|as))",
    ),
    rule(
        "fate:family-will-pay",
        0.85,
        "pay suffer cry bury mourn identify",
        r"\b(?:your|ur)\s+(?:\w+\s+)?(?:family|kids|children|wife|husband|mother|mum|mom|father|parents|son|daughter|loved ones)\s+"
        r"(?:will|are going to|is going to|gonna|'ll)\s+(?:pay|suffer|cry over your|bury you|mourn you|identify your body|be next|never see you again|not see you again|receive you in)",
    ),
    # calls on others ---------------------------------------------------------------------------
    rule(
        "call:someone-should",
        0.95,
        "someone somebody anyone anybody one real patriot patriots people public youth mob tribe all guys brothers men boys fighters heroes hero",
        rf"(?:{CALLER}\s+(?:{CALL_MODAL}\s+){{1,3}}|\b(?:someone|somebody)\s+(?:please\s+)?){ACT}",
    ),
    rule(
        "call:should-be-killed",
        0.92,
        "killed murdered shot stabbed strangled beheaded decapitated slaughtered butchered hanged hung "
        "lynched raped burned burnt bombed executed tortured choked skinned gunned mowed run finished "
        "taken put wiped exterminated eliminated eradicated annihilated buried drowned poisoned gassed "
        "torched silenced crucified stoned flogged maimed beaten kneecapped strung massacred "
        "assassinated liquidated hacked set blown castrated dismembered mutilated disemboweled "
        "disembowelled thrown fed cut dragged lined made wiped electrocuted suffocated",
        rf"\b{_SUBJ3}['\"’”]*\s+{_ADV}?{MODAL_D}\s+{_ADV}{{0,2}}(?:be|get|go|have been|been|be publicly|be all)\s+{_ADV}?{HARMED}",
    ),
    rule(
        "call:should-die",
        0.88,
        "die dead hang swing burn bleed breathing exist",
        rf"\b{_SUBJ3}\s+{_ADV}?{MODAL_D}\s+{_ADV}{{0,2}}(?:die|be dead|drop dead|hang|swing|burn|bleed to death|stop breathing|not exist|not be alive|be six feet under)\b"
        r"(?!\s+(?:of|from|in (?:prison|jail|hell)|out|down|on|around|with|laughing|for))",
    ),
    rule(
        "call:deserves-a-bullet",
        0.9,
        "deserve deserves deserved",
        rf"\b{_SUBJ3}['\"’”]*\s+(?:really\s+|all\s+|just\s+)?(?:deserves?|deserved|needs|need|should get|should face|ought to get|must face|is due|has earned)\s+(?:nothing but\s+|nothing less than\s+|only\s+)?"
        r"(?:(?:a|the|one)\s+(?:bullet|rope|noose|knife|beating|slow death|painful death|bullet in the head|firing squad|gallows|guillotine"
        r"|stoning|hanging|lynching|beheading|bullet between the eyes|hangman's noose|rope around (?:his|her|their) necks?|bullet in (?:his|her|their) (?:head|skull|brain)s?)"
        r"|death|to die|to hang|to burn|to bleed|to (?:be|get) (?:\w+\s+)?" + HARMED + r")\b"
        r"(?<!needs death)(?<!need death)",
    ),
    rule(
        "call:imperative",
        0.9,
        ACT_TRIGGERS,
        r"(?:^|[.!?\n;:]\s*|,\s+|\bgo\s+(?:to\s+(?:\w+\s+){1,3})?and\s+|\b(?:just|please|now|go|let's|lets|let us|time to|it's time to|its time to"
        r"|we need to|we must|we should|we have to|we gotta|you guys|y'all|brothers|guys|everyone|come on|somebody|someone)\s+)"
        rf"(?:{ACT})",
    ),
    rule(
        "call:kill-them-all",
        0.92,
        "kill murder shoot slaughter butcher hang lynch execute burn gas exterminate eradicate "
        "eliminate annihilate massacre behead bomb",
        rf"\b(?:kill|murder|shoot|slaughter|butcher|hang|lynch|execute|burn|gas|exterminate|eradicate|eliminate|annihilate|massacre|behead|bomb|wipe out|get rid of)\s+"
        rf"(?:all|every|every single|each and every|all the|all of the|all these|all those|every last|every one of the|each of the)\s+(?:{_MOD}\s+){{0,2}}{PERSON_N}\b",
    ),
    rule(
        "call:get-them-hanged",
        0.85,
        "get see",
        r"\b(?:get|see)\s+(?:these|those|them|him|her|the|all|every|all these|all those)\s+(?:\w+\s+){0,2}?(?:hanged|hung|shot|killed|executed|lynched|strung up|beheaded|gassed|burned alive|burnt alive|put down)\b"
        r"(?!\s+(?:by|in (?:the|a) (?:war|attack|raid)|during))",
    ),
    rule(
        "call:body-parts",
        0.9,
        "ripped cut torn broken smashed blown chopped pulled gouged bashed kicked knocked",
        r"\b(?:will|are going to|is going to|gonna|should|must|need to|needs to|deserve to|deserves to|ought to|'ll|'re going to)\s+(?:have|get)\s+"
        rf"(?:their|his|her|your|ur)\s+(?:\w+\s+)?{BODY}\s+(?:ripped|cut|torn|broken|smashed|blown|chopped|pulled|gouged|bashed|kicked|knocked)\s*(?:off|out|in|open)?",
    ),
    rule(
        "call:legal-to-kill",
        0.85,
        "legal allowed ok okay fine way solution answer option cure",
        rf"\b(?:should be|is|would be|must be|needs to be)\s+(?:legal|allowed|ok|okay|fine|permitted|a right)\s+to\s+(?:{HARM})\s+{VICTIM}"
        rf"|\b(?:only|best|real|final)\s+(?:way|solution|answer|option|cure)\s+(?:is|would be|left is)\s+to\s+(?:{HARM})\s+{VICTIM}",
    ),
    rule(
        "call:hit-her-back",
        0.75,
        "hit slap punch smack beat",
        r"(?:^|[.!?\n;:]\s*|,\s+|\b(?:just|so|then)\s+)(?:hit|slap|punch|smack|beat)\s+(?:her|him|them|that bitch|the bitch)\s+(?:the fuck\s+)?(?:back|hard|in the face|senseless)\b",
    ),
    rule(
        "incitement:take-up-arms",
        0.85,
        "arms guns weapons rifles knives machetes swords kalashnikovs",
        r"\b(?:take up|pick up|grab|get|bring out|raise|load)\s+(?:your\s+|the\s+|our\s+)?(?:arms|guns|weapons|rifles|knives|machetes|swords|kalashnikovs)\s+"
        r"(?:against|and (?:kill|shoot|hunt|attack|slaughter|go after|burn|get))",
    ),
    rule(
        "incitement:another-anfal",
        0.85,
        "anfal halabja genocide holocaust massacre sinjar shengal pogrom saddam hitler isis daesh",
        r"\b(?:time for (?:an?|another)|need (?:an?|another)|needs (?:an?|another)|deserve (?:an?|another)|deserves (?:an?|another)"
        r"|give (?:them|you|him|her) (?:an?|another)|do (?:an?|another)|repeat the|bring back the|finish what)\s+"
        r"(?:new\s+|second\s+|real\s+)?(?:anfal|halabja|genocide|holocaust|massacre|sinjar|shengal|pogrom|saddam|hitler|isis|daesh)\b",
    ),
    rule(
        "incitement:cleanse",
        0.85,
        "cleanse purge cleansing",
        rf"\b(?:cleanse|purge|ethnically cleanse)\s+(?:\w+\s+){{0,2}}of\s+(?:them|these|those|all|the)\s+(?:{_MOD}\s+)?{PERSON_N}\b"
        r"|\bethnic cleansing (?:is|was) (?:the only |the )?(?:answer|solution|way)",
    ),
    rule(
        "incitement:death-to",
        0.7,
        "death",
        r"(?:^|(?<=[.!?\n:;,\"'“(#]))\s*death\s+to\s+(?:the\s+|all\s+|every\s+)?(?!(?:death|life|birth|all of us)\b)\w+",
    ),
    # wishes --------------------------------------------------------------------------------------
    rule(
        "wish:hope-they-die",
        0.9,
        "hope hopes hoping wish wishes wishing pray prays praying wait forward dream see glad happy "
        "nice great good wonderful blessing gift celebrate",
        rf"{WISH}\s+(?:{_WISHED}){_WISH_AUX}\s+(?:{FATE}|(?:{HARM}|{HARM_3SG})\s+{VICTIM}|{PHRASAL}|{BULLET})",
    ),
    rule(
        "wish:hope-they-suffer",
        0.6,
        "hope hopes hoping wish wishes pray praying",
        rf"{WISH}\s+(?:{_WISHED}){_WISH_AUX}\s+(?:suffer|suffers|gets? what (?:he|she|they|you) deserves?|gets? hurt|get hurt|pays? for (?:this|it|that))\b"
        r"(?!\s+(?:from|in (?:prison|jail)))",
    ),
    rule(
        "wish:may-god",
        0.75,
        "may god allah lord die burn rot hang choke",
        r"\bmay\s+(?:god|allah|the lord|heaven|the devil|satan)\s+(?:kill|destroy|burn|take|strike down|strike|smite)\s+(?:you|u|him|her|them|this \w+|that \w+)\b"
        r"|\bmay\s+(?:you|he|she|they|this \w+|that \w+)\s+(?:all\s+)?(?:die|burn|rot|hang|choke|bleed|perish)\b(?!\s+(?:of old age|happy|peacefully))",
    ),
    rule(
        "wish:nobody-would-miss",
        0.85,
        "miss cry mourn care tear better",
        r"\b(?:nobody|no one|noone|no-one|not a single (?:person|soul)|not one person|the world|everyone|we all|the country|kurdistan|this country|society)\s+"
        r"(?:would|will|'d|wouldn't|won't|would ever|will ever)\s+(?:even\s+)?(?:miss|cry (?:for|over)|mourn|care|shed a tear(?: for)?|be (?:better|happier|safer|a better place)(?: off)?)\b"
        r"[^.!?]{0,40}?\b(?:if|when|once|after)\s+"
        rf"(?:{_WISHED})\s+(?:(?:just|simply|finally|ever|suddenly|one day|were|was|is|got|gets|had|has|went|were to|was to|to)\s+)*"
        r"(?:disappeared|disappear|disappears|vanished|vanish|died|die|dies|dead|gone|killed|shot|hanged|had an accident|has an accident|have an accident"
        r"|an accident|stopped breathing|never came back|never woke up|six feet under|in the ground|in a coffin|in a grave|found in a ditch)\b",
        negatable=False,
    ),
    rule(
        "wish:better-off-dead",
        0.75,
        "dead better",
        r"\b(?:you|u|you'd|you'?re)\s+(?:would\s+|'d\s+|are\s+)?(?:be\s+)?better\s+off\s+dead\b"
        r"|\bthe\s+(?:world|planet|country|earth)\s+(?:would|will)\s+be\s+(?:a\s+)?(?:better|safer|nicer|happier|cleaner)\s+(?:place\s+)?(?:off\s+)?without\s+"
        r"(?:you|u|him|her|them|people like (?:you|him|her|them))\b",
    ),
    # veiled ---------------------------------------------------------------------------------------
    rule(
        "veiled:we-know-where",
        0.85,
        "know knows found find",
        r"\b(?:we|i|they|people|everyone|we all|our (?:men|guys|people|brothers))(?:\s+(?:already|all|now|do|also|very well))?"
        r"(?:\s+(?:know|knows|found out|have found out|can find|found|will find|will find out|are going to find|find out)|'ll find(?: out)?)\s+(?:exactly\s+|very well\s+)?(?:where|which|what|when)\s+"
        r"(?:(?:you|u)(?:'re|\s+are)?\s+(?:live|living|work|working|sleep|sleeping|park|parking|pray|praying|study|eat|stay|staying|hide|hiding"
        r"|go to (?:school|work|pray)|take your|drop your|walk|jog|drink|shop|hang out|go every|are right now|are tonight|are at night)"
        r"|(?:\w+\s+){0,2}?(?:your|ur|his|her|their)\s+(?:\w+\s+){0,3}?"
        + KIN_PLACE
        + r"(?:'s)?\b)",
    ),
    rule(
        "veiled:we-have-your-address",
        0.75,
        "address number photos pictures location details",
        r"\b(?:we|i)\s+(?:have|got|'ve got|already have|now have)\s+(?:your|ur)\s+(?:home\s+)?(?:address|phone number|number|photos?|pictures?|details|location|coordinates)\b(?!\s+(?:on file|in our records))",
    ),
    rule(
        "veiled:we-are-watching",
        0.7,
        "watching watch",
        r"\b(?:we|i)(?:'re|'m|\s+are|\s+am|'ve been|\s+have been)\s+(?:always\s+)?watching\s+(?:you|u|your (?:\w+\s+)?"
        + KIN_PLACE
        + r")"
        r"(?:\s+(?:closely|carefully|every day|day and night|all the time|now|always))*\s*(?:[.!?,;]|$)",
    ),
    rule(
        "veiled:watch-your-back",
        0.8,
        "back eye shoulder",
        r"\b(?:watch|mind|cover|guard)\s+your\s+back\b|\bsleep with one eye open\b|\blook(?:ing)? over your shoulder\b(?!\s+(?:at|and see))",
    ),
    rule(
        "veiled:be-careful",
        0.6,
        "careful",
        r"\bbe (?:very\s+)?careful (?:what you (?:write|publish|say about|post)|when you (?:walk|go|leave|come) (?:home|out)|on your way home|walking home|tonight)\b",
    ),
    rule(
        "veiled:last-warning",
        0.5,
        "warning warned",
        r"\b(?:this is|consider this|take this as|that was|this was|here is)\s+(?:your|a|the|my|our)\s+(?:last|final|only|first and last)\s+warning\b"
        r"|\byou(?:'ve|\s+have)\s+been\s+warned\b",
    ),
    rule(
        "veiled:shame-if-something-happened",
        0.85,
        "shame pity tragedy terrible sad waste unfortunate",
        r"\b(?:shame|pity|tragedy|terrible|sad|a waste|unfortunate|awful)\s+if\s+(?:something|anything|an accident|harm|a fire|anything bad|something bad|something terrible|something happened)"
        r"\s+(?:\w+\s+){0,2}?(?:happened|were to happen|happens|came|befell|occurred|was to happen)?\s*(?:to\s+)?(?:(?:your|ur|his|her|their)\s+(?:\w+\s+)?"
        + KIN_PLACE
        + r"|you|u|him|her|them)\b"
        r"|\b(?:shame|pity|tragedy|terrible|sad|unfortunate|awful)\s+if\s+(?:you|u|your|ur|his|her)\s+(?:\w+\s+)?(?:"
        + KIN_PLACE
        + r"\s+)?(?:had|has|were to have|was to have|got|met with|suffered|caught|were involved in|was involved in)\s+(?:an?\s+)?(?:\w+\s+)?"
        r"(?:accident|fire|mishap|explosion|fall|crash|misfortune)\b",
    ),
    rule(
        "veiled:something-could-happen",
        0.75,
        "happen happens",
        r"\b(?:something|anything|an accident|accidents|bad things|terrible things|things)\s+(?:bad\s+|terrible\s+|nasty\s+|unfortunate\s+|unpleasant\s+)?"
        r"(?:could|might|may|will|would|can|is going to|are going to|tend to|often|do|sometimes)\s+(?:\w+\s+)?happen\s+to\s+"
        r"(?:(?:your|ur)\s+(?:\w+\s+)?"
        + KIN_PLACE
        + r"|journalists|reporters|people like you|nosy|those who|writers|critics|you(?:r)?\s+(?:and|or)\s+)"
        r"|\baccidents\s+(?:happen|do happen|can happen|often happen)(?:,?\s+\w+){0,2}\s+(?:to\s+)?(?:journalists|reporters|people like you|nosy \w+|those who|writers|critics|you)\b",
    ),
    rule(
        "veiled:people-like-you-disappear",
        0.8,
        "disappear vanish missing dead hurt accidents long old young killed shot",
        r"\b(?:people|journalists|reporters|writers|critics|men|women|those|anyone|someone|traitors|girls|boys)\s+"
        r"(?:like you|like him|like her|like that|who (?:write|talk|ask|speak|report|criticise|criticize|insult|mock|dig|poke)\w*(?:\s+\w+){0,4}?)\s+"
        r"(?:tend to|often|usually|always|sometimes|have a (?:way|habit) of|end up|have been known to|don't|do not|never|rarely|seldom)\s+"
        r"(?:disappear|disappearing|vanish|vanishing|go missing|going missing|end up (?:dead|in (?:a|the) \w+)|get hurt|getting hurt|have accidents|having accidents"
        r"|live long|last long|grow old|get old|die young|get killed|getting killed|get shot|getting shot|turn up dead|wake up)\b",
        negatable=False,
    ),
    rule(
        "veiled:what-happened-to",
        0.85,
        "happened",
        r"\b(?:what|the same thing|the same|whatever)\s+(?:that\s+)?happened\s+to\s+(?:[\w'-]+\s+){1,4}?(?:will|could|might|can|is going to|gonna|may)\s+(?:also\s+)?happen\s+to\s+(?:you|u|your\s+\w+)"
        r"|\bremember what happened to (?:the last|that|other|those|your) (?:\w+\s+)?(?:journalist|journalists|reporter|reporters|writer|writers|editor|blogger|critic|guy|one)\b",
    ),
    rule(
        "veiled:think-of-your-family",
        0.75,
        "think family kids children wife mother safety sake",
        r"\bthink (?:about|of|twice about)\s+your\s+(?:\w+\s+)?(?:family|kids|children|wife|husband|mother|mum|mom|father|parents|son|daughter|safety|life|health)\b"
        r"[^.!?]{0,40}\b(?:before|next time|when)\s+(?:you\s+)?(?:write|writing|publish|post|speak|say|report|open|criticise|criticize|insult|attack|talk)"
        r"|\b(?:stop|quit|give up|stay away from|keep out of|don't|do not)\s+(?:\w+\s+){0,4}?(?:writing|reporting|publishing|talking|asking|investigating|digging|poking|write|report|publish)\b"
        r"[^.!?]{0,60}?\bfor\s+(?:the sake of\s+)?your\s+(?:\w+\s+)?(?:family|kids|children|wife|mother|own good|own safety|safety|health|life)"
        r"|\bfor\s+(?:the sake of\s+)?your\s+(?:\w+\s+)?(?:family|kids|children|wife|mother|own safety|safety)(?:'s)?(?:\s+sake)?,?\s+(?:stop|quit|don't|do not)\s+(?:\w+\s+){0,3}?(?:writing|reporting|publishing|write|report|publish|talking)",
    ),
    rule(
        "veiled:enjoy-while-you-can",
        0.7,
        "enjoy",
        r"\benjoy\s+(?:your|the time with your|it)\s+(?:\w+\s+)?(?:family|kids|children|last days|days|freedom|wife|little ones|life)\b[^.!?]{0,20}\bwhile\s+(?:you|it)\s+(?:still\s+)?(?:can|lasts|last)\b",
    ),
    rule(
        "veiled:last-thing-you-write",
        0.85,
        "last",
        r"\b(?:the|your)\s+last\s+(?:article|story|thing|piece|word|words|report|column|post|tweet|lie|lies)\s+(?:you|u)(?:'ll|\s+will)?\s+(?:ever\s+)(?:write|publish|say|post|tell)"
        r"|\b(?:the|your)\s+last\s+(?:article|story|thing|piece|word|words|report|column|post|tweet|lie|lies)\s+(?:you|u)(?:'ll|\s+will)\s+(?:ever\s+)?(?:write|publish|say|post|tell)",
    ),
    rule(
        "veiled:keep-writing-and-see",
        0.8,
        "see happens",
        r"\b(?:keep|continue|carry on)\s+(?:writing|talking|publishing|reporting|lying|spreading|insulting|mocking|posting|it up|like this|doing this)\b[^.!?]{0,60}?"
        r"\b(?:and|&|then)\s+(?:see|you'll see|you will see|watch|we'll see|just see)\s+what\s+(?:happens|will happen|we do|happens next|we will do)",
    ),
    rule(
        "veiled:killed-for-less",
        0.8,
        "less",
        r"\b(?:people|men|journalists|others|reporters|writers)\s+(?:have been|were|got|get|are)\s+(?:killed|shot|murdered|hanged|beheaded|stabbed)\s+for\s+(?:less|much less|saying less|writing less)\b",
    ),
    rule(
        "veiled:say-goodbye",
        0.8,
        "goodbye bye prayers praying will",
        r"\b(?:say|kiss)\s+(?:goodbye|bye|good-bye)\s+to\s+your\s+(?:\w+\s+)?(?:family|kids|children|wife|mother|life|loved ones)\b"
        r"|\bsay your (?:last\s+)?(?:prayers|goodbyes)\b|\b(?:better\s+)?start praying\b|\b(?:write|make) your (?:last\s+)?will\b",
    ),
    rule(
        "veiled:nobody-will-find-you",
        0.85,
        "find body",
        r"\b(?:nobody|no one|they|police|your family)\s+(?:will\s+|'ll\s+)?(?:ever|never)?\s*(?:will\s+)?(?:find|identify|recognise|recognize)\s+(?:your|ur|his|her)\s+(?:body|remains|corpse)\b",
        negatable=False,
    ),
    rule(
        "self-harm:kill-yourself",
        0.85,
        "yourself die bleach bridge building roof cliff wrists",
        r"(?:^|[.!?\n;:,]\s*|\b(?:just|please|why don't you|you should|u should|you need to|u need to|you ought to|better)\s+)"
        r"(?:go\s+(?:and\s+)?)?(?:(?:fucking|fuckin|just|please|already)\s+)?(?:(?<=go )die|(?<=go and )die|die in a (?:fire|hole|ditch)|hang yourself|kill yourself|shoot yourself|jump off (?:a|the) (?:bridge|building|roof|cliff)|drink bleach|slit your wrists|set yourself on fire)\b",
        also={"personal_attack": 0.8},
    ),
]
