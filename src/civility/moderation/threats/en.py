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
from .en_veiled import VEILED_RULES
from .en_words import (
    _HARM_3SG_LIST,
    _MOD,
    ACT,
    ACT_TRIGGERS,
    ACT_WEAK,
    BODY,
    BULLET,
    HARM,
    HARM_3SG,
    HARMED,
    HARMED_TRIGGERS,
    PERSON_N,
    PERSON_NP,
    PHRASAL,
    VICTIM,
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
# "find you and", "drag you through the streets and", "catch her alone and".
CHAIN = (
    r"(?:[a-z]+\s+(?:up\s+|down\s+|out\s+)?(?:you|u|him|her|them|(?:every|all|all the|these|those|the)\s+(?:[a-z]+\s+)?[a-z]+s?)"
    r"\s+(?:[a-z]+\s+){0,4}?(?:and|&)\s+(?:then\s+)?)?"
)
# "coming to your office tomorrow to", "going to his house and".
_GOING = r"(?:\s*(?:coming|going|come|go)\s+to\s+(?:your|ur|his|her|their)\s+\w+(?:\s+(?:tomorrow|tonight|today|soon|now))?\s+(?:to|and))?"
INTENT = rf"{SUBJ1}(?:\s*(?:{AUX1})\b){{1,7}}{_GOING}\s*{CHAIN}"
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
    rf"(?:{PERSON_NP}|he|she|they|you|u|this guy|that guy|this one|someone like (?:you|him|her)"
    r"|(?:all|each|both|some|most|every one|many|every last one) of (?:them|you|these \w+|those \w+))"
    # "every reporter in this building", "all Christians in this country"
    r"(?:\s+(?:in|at|of|from|on|who|that|working for)\s+(?:[\w'-]+\s+){0,3}?[\w'-]+|\s+like\s+(?:him|her|you|them|this|that|these))?"
)
MODAL_D = (
    r"(?:should've|should have|must've|must have|ought to have|should|must|shall|ought to|needs? to|has to|have to|deserves? to|deserved to|gotta|got to"
    r"|had better|'d better|better|has got to|have got to)"
)
_ADV = r"(?:(?:all|just|really|simply|definitely|publicly|immediately|also|first|then|each|both|seriously|honestly|frankly|already|finally|slowly)\s+)"
CALLER = (
    r"\b(?:someone|somebody|anyone|anybody|one of (?:us|you|them|our \w+)|a (?:real |true )?(?:man|patriot|hero|brother|sniper)"
    r"|real men|true patriots|patriots|the people|people|the public|the youth|the mob|the tribe|we all|all of us"
    r"|you guys|y'all|our (?:brothers|men|boys|fighters|youth|guys|people|heroes)|some hero|some patriot|they|the government|the army)"
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
    r"|would celebrate (?:if|when)|will celebrate (?:when|the day)|can't wait to see|'d celebrate (?:if|when)|would dance (?:if|when)|'d dance (?:if|when))"
    r"(?:\s+(?:that|the day|for the day|when|if))?"
)
_WISHED = (
    rf"(?:{PERSON_NP}|you|u|he|she|they|him|her|them|someone|somebody|his (?:whole )?family|your (?:whole )?family"
    r"|(?:all|each|every one|both|some) of (?:you|them|u))"
)
_WISH_AUX = r"(?:\s+(?:will|would|'ll|gets?|got|finally|soon|one day|just|all|is|are|be|was|were|to|slowly|painfully|get|gonna|really|someday|eventually))*"
FATE = (
    r"(?:dies|die|died|dead|killed|shot|hanged|hung|murdered|stabbed|burned|burnt|burns|burn|rots|rot|chokes"
    r"|bleeds|bleed|drowns|drown|executed|beheaded|slaughtered|lynched|blown up|run over|hit by a (?:car|truck|bus|bullet|bomb)"
    r"|gets? cancer|found dead|found in a (?:ditch|river|dumpster)|never wakes? up|stops? breathing|six feet under"
    r"|in a (?:coffin|grave|body bag)|disappears|vanishes|has an accident|have an accident|tortured|gassed|raped"
    r"|hanging(?!\s+(?:out|around|on))|burning alive|bleeding to death|dying|dead in a ditch)\b"
    r"(?!\s+(?:laughing|of laughter|of boredom|of old age|in (?:his|her|their) sleep peacefully|happy|in hell))"
)

# Trigger words of the rules built on FATE.
FATE_TRIGGERS = "crashes explodes finds dies die died dead killed shot hanged hung murdered stabbed burned burnt burns burn rots rot chokes bleeds bleed drowns drown executed beheaded slaughtered lynched blown run hit cancer found never stops breathing feet coffin grave bag disappears vanishes accident tortured gassed raped hanging burning bleeding dying ditch"

RULES = [
    # explicit: I / we + intent + act on a person -----------------------------------------
    rule(
        "explicit:harm-a-person",
        0.95,
        ACT_TRIGGERS,
        rf"{INTENT}{ACT}",
        weak=ACT_WEAK,
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
        # CHAIN: "I will find the journalist who wrote this and make him pay".
        # Not "them": "we will make them pay at the ballot box" is politics.
        rf"{INTENT_FUTURE}{CHAIN}make\s+(?:you|u|him|her|ya)\s+(?:pay|suffer|regret)\b",
    ),
    rule(
        "explicit:pay-with-blood",
        0.9,
        "pay blood life lives head heads",
        rf"{INTENT_FUTURE}{CHAIN}make\s+(?:you|u|him|her|ya|them)\s+pay\s+(?:for\s+(?:this|that|it)\s+)?"
        r"with\s+(?:your|ur|his|her|their)\s+(?:blood|life|lives|head|heads)\b",
    ),
    rule(
        # "I will find the reporter who wrote this and make sure he never
        # writes again": intent, a chain of deeds, then silencing for good.
        # explicit:never-again (below) rejects the direct form; this one
        # holds, the chain being the less certain reading ("we will vote them
        # out and make sure they never work again" is politics).
        "veiled:make-sure-never-again",
        0.75,
        "sure see ensure",
        rf"{INTENT_FUTURE}{CHAIN}(?:make sure|make certain|see to it|ensure)\s+(?:that\s+)?"
        r"(?:you|u|he|she|they|him|her|this \w+|that \w+|the \w+)\s+(?:will\s+)?(?:never|won't|wont|will not|can't|cannot|can never|doesn't|don't)\s+"
        r"(?:ever\s+)?(?:be able to\s+)?(?:write|publish|speak|talk|report|work|post|type|walk|breathe|open (?:his|her|your|their) mouth)\w*\b"
        r"(?:\s+\w+){0,3}?\s+(?:again|anymore|any more)\b",
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
        "hunt",
        rf"{INTENT_FUTURE}(?:get|find|deal with|come for|come after|coming for|coming after|go after|hunt|hunt down|sort out|settle (?:with|scores with|accounts with))\s+"
        r"(?:you|u|ya|him|her|them|you all|y'all)\b"
        r"(?:\s+(?:soon|eventually|one day|sooner or later|for this|for that|for what you(?: wrote| said| did| published)?|wherever you (?:are|hide|go|live)|too|personally|all|first|next))*"
        r"\s*(?:[.!?,;]|$)",
        weak="get find deal come coming go sort settle",
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
        "die killed dead shot hanged bleed disappear vanish survive wake ditch coffin grave morgue bag write speak walk live",
        r"\b(?:you|u)(?:'ll|\s+will|\s+are going to|'re going to|\s+gonna|'re gonna|\s+shall)\s+(?:soon\s+|surely\s+|definitely\s+|all\s+|certainly\s+)?"
        r"(?:die|be killed|be dead|be shot|be hanged|bleed|be found dead|be found in a ditch|end up dead"
        r"|end up in (?:a|the) (?:ditch|coffin|grave|body bag|river|morgue)|never (?:write|speak|walk|wake up|be found|come home|go home|live to)"
        r"|not (?:live|survive|see|wake up) (?:long|to see|another|the next|tomorrow)"
        r"|(?:walk|go|step|leave)\s+(?:\w+\s+){0,5}?and\s+(?:not|never)\s+(?:come back|return|make it home|get home|come home))\b"
        r"(?!\s+(?:laughing|of laughter|of boredom|of old age|happy|young|rich|poor|early|eventually|one day|someday|anyway|alone|of (?:cancer|hunger|thirst|heat|cold)))",
    ),
    rule(
        "fate:you-will-pay",
        0.65,
        "pay regret suffer",
        r"\b(?:you|u)(?:\s+and\s+your\s+\w+)?(?:'ll|\s+will|\s+are going to|'re going to|\s+gonna|'re gonna|\s+shall)\s+(?:soon\s+|surely\s+|definitely\s+|dearly\s+|all\s+|both\s+)?"
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
        ACT_TRIGGERS,
        rf"(?:{CALLER}\s+(?:[\w'-]+\s+){{0,3}}?(?:{CALL_MODAL}\s+){{1,3}}|\b(?:someone|somebody)\s+(?:please\s+)?"
        rf"|\b(?:we\s+)?needs?\s+(?:someone|somebody|a man|a patriot|a hero|one brave man)\s+to\s+){CHAIN}{ACT}",
        weak=ACT_WEAK,
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
        rf"\b{_SUBJ3}\s+{_ADV}?{MODAL_D}\s+{_ADV}{{0,2}}(?:die(?!\s+(?:of|from|in (?:prison|jail)|out|laughing|for|trying))|be dead|drop dead|hang(?!\s+(?:out|on|around|in|with|up|over|together))"
        r"|swing(?!\s+(?:by|voters|state))|burn(?!\s+(?:in hell|out|down|calories|through|money))|bleed to death|stop breathing|not exist|not be alive|be six feet under)\b",
    ),
    rule(
        "call:deserves-a-bullet",
        0.9,
        "bullet rope noose knife beating death die hang burn bleed firing gallows guillotine stoning hanging lynching beheading "
        + HARMED_TRIGGERS,
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
        r"(?:^|[.!?\n;:]\s*|,\s+|\bgo\s+(?:\w+\s+){0,4}?and\s+|\b(?:just|please|now|go|let's|lets|let us|time to|it's time to|its time to"
        r"|we need to|we must|we should|we have to|we gotta|you guys|y'all|brothers|guys|everyone|come on|somebody|someone)\s+)"
        rf"(?:{ACT})",
        weak=ACT_WEAK,
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
        "call:cut-off-his-head",
        0.9,
        "head heads throat throats tongue tongues hands fingers legs",
        r"\b(?:his|her|their|your|ur|that \w+'s|this \w+'s)\s+(?:\w+\s+)?(?:head|heads|throat|throats|tongue|tongues|hands|fingers|legs|neck)\s+"
        r"(?:should|must|needs to|need to|ought to|deserves to|deserve to|has to|have to|will)\s+(?:all\s+)?be\s+"
        r"(?:cut off|chopped off|cut out|ripped out|torn out|slit|broken|smashed|crushed|blown off|cut)\b",
    ),
    rule(
        "fate:he-is-a-dead-man",
        0.8,
        "dead",
        r"(?<!when )(?<!until )(?<!if )\b(?:he|she|they|that \w+|this \w+)(?:'s|\s+is|\s+are|'re)\s+(?:already\s+|as good as\s+)?(?:a\s+)?dead\s+(?:man|woman|men|meat)\b(?!\s+walking)",
    ),
    rule(
        "incitement:the-only-good",
        0.85,
        "only good",
        r"\bthe only good (\w+) (?:is|are) (?:a )?dead (?:one|ones|\1)\b",
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
        FATE_TRIGGERS
        + " "
        + ACT_TRIGGERS
        + " "
        + " ".join(_HARM_3SG_LIST)
        + " electrocutes poisons strangles stabs shoots crushes chokes explodes",
        rf"{WISH}\s+(?:{_WISHED}){_WISH_AUX}\s+{CHAIN}(?:{FATE}|(?:{HARM}|{HARM_3SG})\s+{VICTIM}|{PHRASAL}|{BULLET})"
        r"|\b(?:hope|wish|pray|hoping|praying)\s+(?:that\s+)?(?:your|his|her|their)\s+(?:plane|car|house|home|office|helicopter|bus)\s+(?:crashes|explodes|blows up|burns(?: down)?|catches fire|goes up in flames)"
        r"|\b(?:hope|wish|pray|hoping|praying)\s+(?:that\s+)?(?:a|the next|some|one day a)\s+(?:car bomb|bomb|bullet|missile|drone|sniper|knife|grenade|rocket)\s+(?:finds|hits|gets|kills|takes out|reaches)\s+(?:you|him|her|them)\b"
        # Any thing of theirs turned on them ("hope your keyboard
        # electrocutes you", "... your laptop explodes in your face").
        r"|\b(?:hope|wish|pray|hoping|praying)\s+(?:that\s+)?(?:your|ur|his|her|their)\s+(?:\w+\s+){0,2}?(?:electrocutes|kills|crushes|poisons|strangles|chokes|burns|stabs|shoots)\s+(?:you|u|him|her|them)\b"
        r"|\b(?:hope|wish|pray|hoping|praying)\s+(?:that\s+)?(?:your|ur|his|her|their)\s+(?:\w+\s+){0,2}?(?:explodes|blows up|catches fire)\s+in\s+(?:your|his|her|their)\s+(?:face|hands?|lap)\b",
        weak=ACT_WEAK,
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
        "miss cry mourn care tear better notice",
        r"\b(?:nobody|no one|noone|no-one|not a single (?:person|soul)|not one person|the world|everyone|we all|the country|kurdistan|this country|society)\s+"
        r"(?:would|will|'d|wouldn't|won't|would ever|will ever)\s+(?:even\s+)?(?:miss|cry (?:for|over)|mourn|care|shed a tear(?: for)?|be (?:better|happier|safer|a better place)(?: off)?)\b"
        r"[^.!?]{0,40}?\b(?:if|when|once|after)\s+"
        rf"(?:{_WISHED})\s+(?:(?:just|simply|finally|ever|suddenly|one day|were|was|is|got|gets|had|has|went|were to|was to|to)\s+)*"
        r"(?:disappeared|disappear|disappears|vanished|vanish|died|die|dies|dead|gone|killed|shot|hanged|had an accident|has an accident|have an accident"
        r"|an accident|stopped breathing|never came back|never woke up|six feet under|in the ground|in a coffin|in a grave|found in a ditch|found dead)\b"
        rf"|\bif\s+{_WISHED}\s+(?:\w+\s+)?(?:disappeared|died|was killed|got shot|was found dead|vanished|were dead|was dead|got killed)\b[^.!?]{{0,30}}?"
        r"\b(?:nobody|no one|noone|the world|no-one)\s+(?:would|will|'d)\s+(?:even\s+)?(?:care|miss|cry|mourn|notice|shed a tear)",
        negatable=False,
    ),
    rule(
        "wish:better-off-dead",
        0.75,
        "dead better",
        r"\b(?:you|u|you'd|you'?re)\s+(?:would\s+|'d\s+|are\s+)?(?:be\s+)?better\s+off\s+dead\b"
        r"|\b(?:the\s+)?(?:world|planet|country|earth|kurdistan|everyone|everybody|we all|humanity)\s+(?:would|will|'d)\s+(?:(?:honestly|really|truly|genuinely|certainly|definitely|simply|just|surely|all)\s+)?be\s+(?:a\s+)?(?:(?:much|far|so much|a lot)\s+)?(?:better|safer|nicer|happier|cleaner)\s+(?:place\s+)?(?:off\s+)?without\s+"
        r"(?:you|u|him|her|them|people like (?:you|him|her|them))\b",
    ),
    # veiled ---------------------------------------------------------------------------------------
    rule(
        "self-harm:kill-yourself",
        0.85,
        "yourself die bleach bridge building roof cliff wrists dead traffic motorway highway pool unalive",
        r"(?:^|[.!?\n;:,]\s*|\b(?:just|please|why don't you|why dont you|you should|u should|should|must|you need to|u need to|need to|you ought to|better|gotta|and|so"
        r"|maybe|perhaps|kindly|why not|you might|you could|u could)\s+)"
        r"(?:go\s+(?:and\s+)?)?(?:(?:fucking|fuckin|just|please|already)\s+)?(?:(?<=go )die|(?<=go and )die|die in a (?:fire|hole|ditch)|drop dead(?!\s+(?:gorgeous|beautiful|funny|sexy|handsome|stunning|brilliant|good|cute|hilarious))|hang yourself|kill yourself|kill urself|kill yourselves|kill ur self|neck yourself|shoot yourself|jump off (?:a|the) (?:bridge|building|roof|cliff)|drink bleach|slit your wrists|set yourself on fire"
        # Its joking disguises: the same incitement ("go play in traffic",
        # "try drinking some bleach", "remove yourself from the gene pool").
        r"|(?:go\s+)?play in (?:the\s+)?(?:traffic|motorway|highway)|(?:try\s+)?drink(?:ing)?\s+(?:some|a (?:glass|cup|bottle) of)\s+bleach"
        r"|(?:consider\s+)?remov(?:e|ing)\s+yourself\s+from\s+(?:the|our)\s+gene\s+pool|unalive\s+yourself)\b",
        also={"personal_attack": 0.8},
    ),
    *VEILED_RULES,
]
