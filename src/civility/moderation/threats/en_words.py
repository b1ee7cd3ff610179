"""English threat grammar: the words (who, what, with which body part).

The rules that put them together are in en.py.
"""

from __future__ import annotations

from .build import words

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
    "back", "chest", "stomach", "mouth", "body", "fingernails", "nails",
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
_HARM_3SG_LIST = [
    "kills", "murders", "shoots", "stabs", "strangles", "beheads", "slaughters", "butchers", "hangs",
    "lynches", "rapes", "executes", "tortures", "chokes", "poisons", "drowns", "gases", "burns",
    "bombs", "guns down", "runs over", "blows up", "buries", "beats up", "takes out", "finishes off",
    "puts down", "strings up", "wipes out", "assassinates", "massacres", "exterminates",
]  # fmt: skip
HARM_3SG = words(_HARM_3SG_LIST)
_HARMED_LIST = [
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
    "wiped off the map", "wiped off the face of the earth", "wiped off the earth", "wiped from the earth", "electrocuted", "suffocated",
    "nailed to the wall", "nailed to a wall", "nailed to a cross", "nailed to the cross", "sent to the gas chambers",
]  # fmt: skip
HARMED = words(_HARMED_LIST)
# Their first words: what a rule built on HARMED is triggered by.
HARMED_TRIGGERS = " ".join(sorted({w.split()[0] for w in _HARMED_LIST}))
# Verbs with their object in the middle: "take him out", "beat him to death".
PHRASAL = (
    rf"(?:take\s+(?:him|her|them|that \w+|this \w+)\s+out(?=\s*(?:[.!?,;]|$|\s+(?:for good|permanently|once and for all|with a)))"
    rf"|fuck\s+{VICTIM}\s+up\b|(?:beat|kick|knock|slap)\s+the\s+(?:shit|crap|hell|life|living daylights|fuck)\s+out\s+of\s+{VICTIM}"
    rf"|light\s+{VICTIM}\s+on fire|off with (?:his|her|their|your) heads?\b"
    rf"|(?:choke|squeeze|strangle|beat|kick)\s+the\s+life\s+out\s+of\s+{VICTIM}"
    rf"|(?:cut|slit|slice)\s+the\s+throats?\s+of\s+{VICTIM}|break\s+every\s+bone\s+in\s+(?:your|his|her|their)\s+bod(?:y|ies)"
    rf"|(?:put|line|stand)\s+{VICTIM}\s+(?:up\s+)?against\s+(?:a|the)\s+wall"
    rf"|throw\s+{VICTIM}\s+(?:in|into|off|from)\s+(?:the|a)\s+(?:river|sea|lake|well|roof|bridge|cliff|fire|building)"
    rf"|teach\s+{VICTIM}\s+a\s+lesson\s+(?:he|she|they|you)\s+(?:won't|will not|wont)\s+(?:survive|live through|recover from)"
    r"|poison\s+(?:your|his|her|their)\s+(?:food|drink|tea|water|coffee|meal)"
    r"|(?:throw|pour|splash)\s+acid\s+(?:in|on|at|over)\s+(?:your|his|her|their)\s+(?:\w+\s+)?(?:face|eyes|body|head)"
    r"|set\s+(?:your|his|her|their)\s+(?:\w+\s+)?(?:house|home|car|office|flat|shop|tent)\s+(?:on fire|alight|ablaze)"
    r"|(?:burn|torch|bomb|blow up)\s+(?:down\s+)?(?:the|their|his|her|your)\s+(?:\w+\s+)?\w+\s+with\s+(?:them|him|her|you|everyone|everybody|the \w+)\s+(?:still\s+)?inside"
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
    r"(?:cut|slit|slice|break|snap|smash|crush|bash|cave|blow|rip|tear|gouge|chop|hack|knock|twist|pull|kick|stab|shoot|stomp|stamp|slam)"
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
# The words that bring an ACT: a violent verb, or a word only a violent
# phrase brings ("bullet", "throat", "coffin"); and generic verbs that count
# only with a pronoun after them ("take him out", "break your legs", not
# "take the bus"): threats.Words. Rules built on ACT are tried only near them.
ACT_TRIGGERS = (
    "kill murder shoot stab strangle behead decapitate slaughter butcher hang lynch rape execute "
    "torture choke crucify maim kneecap massacre assassinate liquidate exterminate eradicate "
    "annihilate poison drown gas gut disembowel dismember incinerate castrate mutilate burn torch "
    "bomb stone skin hurt murderize electrocute suffocate bury whack firebomb raze "
    "bullet bullets knife knives blade blades dagger daggers coffin grave throat throats skull skulls "
    "bones teeth tongue brains guillotine gallows noose rope alight ablaze wall pieces alive lesson "
    "river squad acid bone blow beat daylights"
)
ACT_WEAK = (
    "take put finish string wipe do bump beat hunt chop cut run gun mow blow set send line stand "
    "give end waste off silence disappear eliminate neutralise neutralize smoke ice cap fuck light "
    "teach throw break snap smash crush bash cave rip tear gouge hack knock twist pull kick slit "
    "slice raid storm wreck trash attack level plant pump stick shove sink lodge fire stomp stamp slam"
)
ACT = (
    rf"(?:{HARM}\s+{VICTIM}|{HARM_PRONOUN}\s+{PRONOUN}{_NOT_HARM}|{PHRASAL}|{BULLET}|{BODY_HARM}|{PROPERTY}"
    r"|(?:exterminate|gas|lynch|behead)\s+(?:the|all|these|those|every)\s+(?:\w+\s+)?\w+s\b)"
)
