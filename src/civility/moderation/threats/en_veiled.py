"""English veiled threats: menace with no violent word, or nearly none.

"We know where your office is", "watch your back", "it would be a shame if
something happened to your kids", "people like you tend to disappear". They
hold a comment (0.5-0.85) rather than reject it: their context decides, and
a moderator reads them. The rest of the English grammar is in en.py.
"""

from __future__ import annotations

from .build import rule
from .en_words import KIN_PLACE, PERSON_N, PERSON_NP

VEILED_RULES = [
    rule(
        "veiled:the-last-one-who-wrote",
        0.8,
        "ended found turned wound",
        r"\b(?:the last|the previous|the other|every|any)\s+(?:person|guy|man|woman|journalist|reporter|one|writer|editor|blogger)\s+who\s+"
        r"(?:wrote|said|published|asked|did|tried|talked|spoke)\s+(?:\w+\s+){0,3}?(?:ended up|was found|turned up|wound up|is now|got found)\s+"
        r"(?:dead|in (?:a|the) (?:ditch|river|morgue|grave|coffin|hospital|body bag|trunk))",
    ),
    rule(
        "veiled:we-know-where",
        0.85,
        "know knows found find",
        r"\b(?:we|i|they|people|everyone|we all|our (?:men|guys|people|brothers))(?:\s+(?:already|all|now|do|also|very well))?"
        r"(?:\s+(?:know|knows|found out|have found out|can find|found|will find|will find out|are going to find|find out)|'ll find(?: out)?)\s+(?:exactly\s+|very well\s+)?(?:where|which|what|when)\s+"
        r"(?:(?:\w+\s+){0,2}?(?:you|u)(?:'re|\s+are)?\s+(?:live|living|work|working|sleep|sleeping|park|parking|pray|praying|study|eat|stay|staying|hide|hiding"
        r"|drive|take your|leave|arrive|come home|go home|get home|walk home"
        r"|go to (?:school|work|pray)|take your|drop your|walk|jog|drink|shop|hang out|go every|are right now|are tonight|are at night)"
        r"|(?:\w+\s+){0,2}?(?:your|ur|his|her|their)\s+(?:\w+\s+){0,3}?" + KIN_PLACE + r"(?:'s)?\b)"
        # A newsroom's place named, not possessed ("we know where the Rudaw
        # office is"): only from "we" or "they", the menacing voices; "I know
        # where the office is, on 60m Street" is a reader giving directions.
        r"|\b(?:we|they|our (?:men|guys|people|brothers))(?:\s+(?:already|all|now|do|also|very well))?\s+(?:know|found out|will find)\s+"
        r"(?:exactly\s+)?where\s+(?:the|this|that)\s+(?:[\w'-]+\s+){0,2}?(?:office|offices|newsroom|studio|studios|bureau|headquarters|building)\s+(?:is|are)\b",
    ),
    rule(
        "veiled:we-have-your-address",
        0.75,
        "address number photos pictures location details route schedule routine movements car plate school waiting name kids children daughter son wife dangerous knows",
        r"\b(?:we|i)\s+(?:have|got|'ve got|already have|now have)\s+(?:your|ur)\s+(?:home\s+)?(?:address|phone number|number|photos?|pictures?|details|location|coordinates)\b(?!\s+(?:on file|in our records))"
        r"|\b(?:we|i)\s+(?:already\s+)?know\s+(?:your|ur)\s+(?:home\s+)?(?:route|address|schedule|daily routine|movements|car|number plate|licen[sc]e plate|children's school|kids' school|way home)\b"
        # A family member's school or workplace ("I know your daughter's school").
        r"|\b(?:we|i)\s+(?:already\s+)?know\s+(?:your|ur)\s+(?:daughter's|son's|kids'|kid's|children's|wife's|husband's|mother's|mum's|mom's|family's|sister's|brother's)\s+(?:school|university|office|work|workplace|house|home|address|route|car)\b"
        # ... as the end of the clause: "I know your daughter's school won
        # the debate prize" is about the school.
        r"(?=\s*(?:[.!?,;…]|$)|\s+(?:and|too|as well|very well|by heart)\b)"
        # The address said to be known to all ("your home address is no
        # secret", "everyone knows where you live"): the same menace, passive.
        r"|\b(?:your|ur)\s+(?:home\s+|family's\s+|office\s+)?(?:address|location|route home|daily route|schedule)\s+(?:is|isn't|is not|was never)\s+(?:no|not a|not)?\s*(?:secret|hidden|hard to find|a mystery)\b"
        r"|\b(?:everyone|everybody|the whole (?:city|town|village)|all of us)\s+knows\s+where\s+(?:you|u)\s+(?:live|sleep|work)\b"
        r"|\b(?:we|i)(?:'ll|\s+will)\s+be\s+waiting\s+(?:for you\s+)?(?:outside|at|near|by|in front of)\s+(?:your|ur)\s+\w+"
        r"|\b(?:next|that|this|a)\s+(?:bullet|bomb|missile|knife)\s+(?:has|with)\s+(?:your|his|her) name on it\b"
        r"|\b(?:your|ur)\s+(?:kids|children|daughter|son|wife|little ones)\s+(?:walk|walks|go|goes|come|comes|get|gets)\s+(?:to|from|home)\b[^.!?]{0,30}(?:alone|don't they|doesn't (?:he|she)|right\?|every day)"
        r"|\bdangerous\s+(?:city|place|town|country|road|neighbourhood|time|world)\s+for\s+(?:people|journalists|reporters|women|girls|someone|a man|a woman)\s+like\s+(?:you|u|her|him)\b",
    ),
    rule(
        "veiled:we-are-watching",
        0.7,
        "watching watch",
        r"\b(?:we|i)(?:'re|'m|\s+are|\s+am|'ve been|\s+have been)\s+(?:always\s+)?watching\s+(?:you|u|your (?:\w+\s+)?"
        + KIN_PLACE
        + r")"
        r"(?:\s+(?:closely|carefully|every day|day and night|all the time|now|always))*"
        r"(?:\s*(?:[.!?,;]|$)|\s+(?:come and go|coming and going|leave|arrive|walk|drive|sleep|every (?:day|night|morning)))",
    ),
    rule(
        # "Erbil is small, we will meet soon"; "I have friends who would love
        # to talk to you in person"; "a lesson he won't forget": a meeting
        # promised as a menace.
        "veiled:we-will-meet",
        0.7,
        "small friends people guys lesson",
        # The meeting ends the sentence: "the world is small, we will meet at
        # the next conference" is a reader's goodbye ("the world" is never a
        # place here: "it's a small world").
        r"\b(?:erbil|duhok|dohuk|slemani|sulaymaniyah|kirkuk|this city|the city|this town|kurdistan|the region|this country)\s+is\s+(?:a\s+|very\s+|too\s+)?small"
        r"(?:\s+(?:place|city|town|country))?\W+(?:we|i|you and i|you and me)(?:'ll|\s+will|\s+are going to|\s+shall)\s+(?:meet|see each other|run into each other|find you|see you)"
        r"(?:\s+(?:soon|again|one day|sooner or later|eventually|very soon))?\s*(?:[.!?,]|$)"
        # Friends who want a word, in person: not "friends who would love to
        # meet you when you visit".
        r"|\b(?:i|we)\s+(?:have|know|got|'ve got)\s+(?:some\s+|a few\s+)?(?:friends|people|guys|brothers|men|cousins|boys)\s+who\s+(?:would|will|'d)\s+"
        r"(?:love|like|be happy|be glad|want|really like)\s+to\s+(?:have a (?:little\s+)?word with|have a (?:little\s+)?chat with|pay (?:you|him|her) a visit|deal with"
        r"|(?:talk to|meet|see|visit)\s+(?:you|u|him|her)\s+in person)"
        r"|\bteach\s+(?:you|u|him|her|them|this \w+|that \w+|the (?:author|writer|reporter|journalist|editor))\s+a\s+lesson\s+(?:you|he|she|they)"
        r"(?:\s+(?:won't|will not|will never|wont)|'ll never)\s+forget\b",
    ),
    # A fourth round of menace without a violent verb (3 December): being at
    # the door, knowing the car, a list with the name on it, a countdown, a
    # place "deep enough", a hope of hospital food, a cheap bullet.
    rule(
        "veiled:at-your-door",
        0.75,
        "outside front near across parked waiting",
        r"\b(?:i'm|i am|we're|we are|im)\s+(?:right\s+|already\s+|now\s+)?(?:outside|in front of|near|across from|parked outside|waiting outside|standing outside)\s+(?:your|ur)\s+(?:\w+\s+)?"
        + KIN_PLACE
        # Said and left there ("I'm outside your office right now."): "I am
        # outside your office, can you come down?" is a visitor.
        + r"(?:\s+(?:right now|now|tonight|as we speak|again|already))?\s*(?:[.!]|$)",
    ),
    rule(
        "veiled:we-know-your-car",
        0.75,
        "know knows",
        r"\b(?:we|i|they)\s+(?:already\s+|all\s+)?know\s+which\s+(?:car|house|flat|apartment|door|building|school)\s+(?:is yours|is your \w+|you (?:drive|live in|park|use)|your (?:kids|children) go to)\b",
    ),
    rule(
        "veiled:your-name-on-the-list",
        0.75,
        "list",
        r"\b(?:we|they|i)\s+(?:have|got|keep|made|are making|have made)\s+a\s+list\b[^.!?\n]{0,30}?\byour\s+name\s+is\s+on\s+it\b"
        r"|\byour\s+name\s+is\s+(?:on|at the top of)\s+(?:the|our|a|my|their)\s+(?:kill\s+|hit\s+|black\s+)?list\b(?!\s+(?:of|for)\b)",
    ),
    rule(
        "veiled:countdown",
        0.6,
        "tick tock running",
        rf"\btick[\s,-]*tock\W+(?:my\s+)?(?:dear\s+)?(?:mr|mrs|ms|miss|sir|madam|friend|{PERSON_N})\b"
        r"|\byour\s+(?:time|days)\s+(?:is|are)\s+running\s+out\b(?!\s+(?:to|for)\b)",
    ),
    rule(
        "veiled:you-will-disappear-like",
        0.75,
        "disappear vanish missing",
        r"\byou(?:'ll|\s+will|\s+are going to|'re going to|\s+too will)\s+(?:also\s+)?(?:disappear|vanish|go missing|end up)\s+like\s+(?:the others|the rest|the last one|\w+\s+did|your (?:colleagues?|friends?))\b",
    ),
    rule(
        "veiled:deep-enough-for-you",
        0.75,
        "enough",
        r"\b(?:river|lake|sea|ditch|grave|hole|desert|well)\s+is\s+(?:deep|big|wide|large)\s+enough\s+for\s+(?:you|u|all of you|people like you|\w+s like you)\b",
    ),
    rule(
        "veiled:hospital-food",
        0.7,
        "hospital wheelchair wheelchairs crutches sleep bullet cheaper",
        r"\b(?:hope|i hope)\s+you\s+(?:like|enjoy|love)\s+(?:hospital food|wheelchairs?|crutches|the taste of (?:blood|your own blood))\b"
        r"|\bsleep\s+(?:well|tight)(?:\s+tonight)?\W+(?:if you can|while you (?:still )?can|it might be your last)\b"
        r"|\b(?:a|one)\s+(?:bullet|rope|knife|grenade)\s+(?:costs|is)\s+(?:less|cheaper)\s+than\s+(?:your|ur)\b",
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
        r"\bbe (?:very\s+)?careful (?:what you (?:write|publish|say about|post)|when you (?:walk|go|leave|come) (?:home|out)|on your way home|walking home|tonight)\b"
        r"|\b(?:be|you should be|better be)\s+(?:very\s+)?careful\s+where\s+(?:you|u)\s+(?:park your car|leave your car|sleep|walk at night|walk alone|send your (?:kids|children))\b"
        r"|\bbe (?:very\s+)?careful when (?:you\s+)?(?:walk|go|leave|come|get)\s+(?:\w+\s+){0,3}?(?:at night|tonight|alone|from (?:the )?(?:office|work|studio|newsroom))\b",
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
        r"(?:accident|fire|mishap|explosion|fall|crash|misfortune)\b"
        r"|\b(?:shame|pity|tragedy|terrible|sad|unfortunate|awful)\s+if\s+(?:it|they|your \w+)\s+(?:\w+\s+)?(?:burned|burnt|burned down|caught fire|blew up|exploded|collapsed|was destroyed|were destroyed|went up in flames)\b",
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
        r"|\baccidents\s+(?:happen|do happen|can happen|often happen)(?:,?\s+\w+){0,2}\s+(?:to\s+)?(?:journalists|reporters|people like you|nosy \w+|those who|writers|critics|you)\b"
        # A warning to someone, then "accidents happen" ("Watch out,
        # journalist. Accidents happen in Erbil."): addressed to a person, the
        # remark is a menace ("take care on that road, accidents happen" is not).
        r"|\b(?:watch out|watch yourself|watch your step|be careful|careful now|careful|take care|mind yourself)"
        rf"(?:\W+(?:my\s+)?(?:dear\s+)?(?:you|u|mr|mrs|ms|miss|sir|friend|buddy|pal|{PERSON_N})\b)[^\n]{{0,60}}?"
        r"\baccidents\s+(?:do\s+|can\s+|often\s+|sometimes\s+)?happen\b"
        # ... or to whoever speaks: "accidents happen to people who write such
        # things" (the polite form; a speech verb, so "... people who drive
        # drunk" stays a remark about roads).
        r"|\b(?:something|anything|an accident|accidents|bad things|terrible things|things)\s+(?:\w+\s+){0,2}?happens?\s+to\s+"
        r"(?:people|anyone|those|everyone|the ones|journalists|reporters|editors)\s+(?:who|that)\s+(?:\w+\s+)?"
        r"(?:write|writes|report|reports|speak|speaks|talk|talks|say|says|ask|asks|publish|publishes|post|posts|criticise|criticize|criticises|criticizes|comment|comments|insult|insults|dig|digs|expose|exposes|question|questions)\b",
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
        # The same, addressed and in the plain present ("people like you
        # disappear here"): said to the reader, no adverb is needed. The
        # "who write..." form keeps its adverb above: "journalists who
        # criticise the government disappear in Iran" reports a fact.
        "veiled:people-like-you-disappear-plain",
        0.75,
        "disappear vanish missing dead hurt killed shot",
        r"\b(?:people|journalists|reporters|writers|critics|men|women|those|traitors|girls|boys)\s+like\s+(?:you|u)\s+"
        r"(?:disappear|vanish|go missing|end up dead|end up in (?:a|the) (?:ditch|river|grave|morgue|coffin)|get hurt|get killed|get shot|turn up dead|don't live long|do not live long|never live long)\b",
        negatable=False,
    ),
    rule(
        "veiled:what-happened-to",
        0.85,
        "happened",
        r"\b(?:what|the same thing|the same|whatever)\s+(?:that\s+)?happened\s+to\s+(?:[\w'-]+\s+){1,4}?(?:will|could|might|can|is going to|gonna|may)\s+(?:also\s+)?happen\s+to\s+(?:you|u|your\s+\w+)"
        r"|\bremember what happened to (?:the last|that|other|those|your) (?:\w+\s+)?(?:journalist|journalists|reporter|reporters|writer|writers|editor|blogger|critic|guy|one)\b"
        # Journalists murdered in Kurdistan, Iraq and Turkey: the name is the threat.
        r"|\bremember what happened to (?:sardasht|soran mama hama|kawa garmyani|kawa germyani|wedad hussein|hrant dink|musa anter|shifa gardi|shifa gerdi)\b(?!\s*\?)",
    ),
    rule(
        "veiled:think-of-your-family",
        0.75,
        "family kids children wife mother safety sake",
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
        r"\benjoy\s+(?:your|the time with your|it)\s+(?:\w+\s+)?(?:family|kids|children|last days|days|freedom|wife|little ones|life)\b[^.!?]{0,20}\bwhile\s+(?:you|it)\s+(?:still\s+)?(?:can|lasts|last)\b"
        # Foretelling the end ("enjoy your last days"), unless the days are
        # of something ("enjoy your last days of the holiday", "... in Erbil").
        r"|\benjoy\s+(?:your|ur)\s+(?:last|final|remaining|few remaining)\s+(?:days|hours|weeks|moments|breaths|months)\b"
        r"(?!\s+(?:of|in|at|on|before|with|here|there|off|abroad|as)\b)",
    ),
    rule(
        "veiled:numbered-days",
        0.75,
        "count counting numbered days",
        # "Count your days, liar", "your days are numbered": the end foretold.
        # "count the days until the holiday" counts days of something.
        r"\b(?:count|start counting|you can count)\s+(?:your|ur)\s+(?:remaining\s+|last\s+)?days\b(?!\s+(?:of|in|at|on|until|till|to|before|off|abroad|left\s+(?:of|in|at|on|until|before)))"
        r"|\b(?:your|ur)\s+days\s+(?:are|r)\s+(?:numbered|counted)\b",
    ),
    rule(
        "veiled:for-now",
        0.6,
        "now",
        # A good thing of the reader's that lasts "... for now": "your family
        # must be proud... for now", "your kids are safe, for now". Only at
        # the end of a sentence and after a pause: "the ceasefire holds for
        # now" has no "your", "your visa is valid for now" no pause.
        r"\b(?:your|ur)\s+(?:\w+\s+){0,2}?(?:family|kids|children|wife|husband|mother|mum|mom|parents|daughter|son|home|house|car|life|freedom|face|career|health)\b"
        r"[^.!?]{0,40}?(?:\.\.\.|…|,|\s-|—|–)\s*(?:at least\s+)?for\s+now\b(?=\s*(?:[.!?…]|$))",
    ),
    rule(
        "veiled:without-your-guards",
        0.6,
        "without",
        # "I wonder how brave you'd be without your bodyguards": bravery or
        # safety said to end with the reader's protection. "Brave
        # journalists work without security" names no one's guards.
        r"\b(?:brave|tough|big|loud|bold|safe|cocky|confident|talkative|mouthy|strong|smug)\b[^.!?]{0,30}?\bwithout\s+(?:your|ur)\s+(?:body\s?guards?|guards?|security(?:\s+detail)?|protection|escorts?|police|armed escort|gunmen)\b"
        r"|\b(?:let's|lets|we'll|we will|i want to|i wanna|(?:i|we)(?:'d|\s+would)\s+(?:like|love)\s+to)\s+see\s+(?:you|u)\s+(?:\w+\s+){0,4}?without\s+(?:your|ur)\s+(?:body\s?guards?|guards?|security|protection|escorts?|police)\b",
    ),
    rule(
        "veiled:what-is-coming-to-you",
        0.6,
        "coming deserve",
        # "I hope you get what's coming to you", "you'll get what you deserve
        # soon enough", "we're coming for you". Said to the reader only:
        # "the corrupt officials will get what they deserve in court" is
        # about them, and a court.
        r"\b(?:you|u)(?:'ll|\s+will|'re going to|\s+are going to|\s+get|\s+gets)?\s*(?:get|gets|getting)?\s*what(?:'s|\s+is)\s+coming\s+(?:to\s+(?:you|u)|for\s+(?:you|u))\b"
        r"|\bget\s+what(?:'s|\s+is)\s+coming\s+to\s+(?:you|u)\b"
        r"|\b(?:you|u)(?:'ll|\s+will|'re going to|\s+are going to)\s+get\s+what\s+(?:you|u)\s+deserve\b(?!\s+(?:for|as|in|from)\b)"
        r"|\b(?:we|they|i)(?:'re|'m|\s+are|\s+am)\s+coming\s+for\s+(?:you|u|your\s+\w+)\b"
        # "Karma is coming for you, and so are we": the menace is the "we".
        r"|\bcoming\s+for\s+(?:you|u)\b[^.!?]{0,20}?\band\s+so\s+(?:are|am|is)\s+(?:we|i|my (?:friends|brothers|men))\b",
    ),
    rule(
        "veiled:when-we-catch-you",
        0.7,
        "catch see find finished dead done",
        # "Wait until we catch you alone", "if I see you in Erbil you're
        # finished". A meeting foretold with its end; "if I see you at the
        # book fair I'll say hello" has none.
        r"\bwait\s+(?:until|till|'til|til)\s+(?:we|i|they|my (?:friends|brothers|men))\s+(?:catch|get|find|see|meet)\s+(?:you|u)\b"
        r"|\b(?:if|when|once|the day)\s+(?:we|i|they)\s+(?:ever\s+)?(?:see|catch|find|meet|get)\s+(?:you|u)\b[^.!?]{0,40}?\b(?:you're|you are|you'll be|you will be|u r)\s+(?:finished|dead|done|over|history|gone)\b",
    ),
    rule(
        "veiled:will-not-protect-you",
        0.6,
        "protect save",
        # "Your pen won't protect you", "your press card can't save you".
        # "A mask won't protect you from the virus" names no shield of the
        # reader's trade.
        r"\b(?:your|ur)\s+(?:pen|press card|press badge|badge|camera|microphone|job|newspaper|paper|channel|editors?|bosses|foreign passport|passport|articles|journalism|profession|fame)\s+(?:won't|will not|wont|can't|cannot|can not|will never)\s+(?:protect|save)\s+(?:you|u)\b(?!\s+(?:from|against)\s+(?:the\s+)?(?:virus|rain|cold|heat|sun|flu|criticism|readers))",
    ),
    rule(
        "veiled:accidents-happen",
        0.6,
        "accident accidents",
        # "Careful, reporters have accidents here", "accidents happen to
        # people like you". A warning or "like you" makes it menace; "two
        # reporters had an accident on the Mosul road" is news.
        r"\b(?:careful|be careful|watch out|remember|just saying)\b[^.!?]{0,20}?\b(?:journalists|reporters|writers|people|editors|critics|men|women)\s+(?:\w+\s+)?(?:have|get|suffer|meet with|tend to have)\s+accidents\b"
        r"|\baccidents\s+(?:happen|can happen|often happen)\s+to\s+(?:people|journalists|reporters|writers)\s+like\s+(?:you|u|him|her)\b",
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
        "goodbye bye prayers praying",
        r"\b(?:say|kiss)\s+(?:goodbye|bye|good-bye)\s+to\s+your\s+(?:\w+\s+)?(?:family|kids|children|wife|mother|life|loved ones)\b"
        r"|\bsay your (?:last\s+)?(?:prayers|goodbyes)\b|\b(?:better\s+)?start praying\b",
    ),
    rule(
        "veiled:nobody-will-find-you",
        0.85,
        "find body",
        r"\b(?:nobody|no one|they|police|your family)\s+(?:will\s+|'ll\s+)?(?:ever|never)?\s*(?:will\s+)?(?:find|identify|recognise|recognize)\s+(?:your|ur|his|her)\s+(?:body|remains|corpse)\b",
        negatable=False,
    ),
    rule(
        "veiled:something-permanent",
        0.75,
        "permanent permanently final visit",
        r"\bdo something (?:permanent|final) about\b"
        r"|\bsilenc(?:e|ed|es|ing)\s+(?:him|her|them|you|this \w+|that \w+|these \w+|the \w+)\s+(?:for good|forever|permanently|once and for all)\b"
        r"|\bpay\s+(?:him|her|them|you|the (?:reporter|journalist|editor|author|writer|presenter)|that \w+|this \w+)\s+a\s+(?:little\s+|friendly\s+|late night\s+)?visit\b",
    ),
    rule(
        "veiled:not-much-longer",
        0.75,
        "longer long accident accidents",
        rf"\b(?:you|u|he|she|{PERSON_NP})\s+(?:won't|will not|wont|isn't going to|is not going to|aren't going to)\s+be\s+(?:writing|talking|speaking|reporting|publishing|breathing|alive|with us)\s+(?:for\s+)?(?:much|very)?\s*long(?:er)?\b"
        r"|\b(?:you|u|a journalist like you|journalists like you|people like you|someone like you|he|she|they)\s+(?:could|might|may|can|will)\s+(?:easily\s+|very easily\s+)?(?:have|suffer|meet with)\s+(?:an?\s+|some\s+)?(?:\w+\s+)?accidents?\b",
    ),
    rule(
        "veiled:when-we-find-you",
        0.7,
        "find catch",
        r"\bwhen\s+(?:we|i)\s+(?:find|catch|get hold of)\s+(?:you|u|him|her|them)\b(?!\s+(?:a|an|the|some)\b)",
    ),
    rule(
        "veiled:would-look-good-on-fire",
        0.75,
        "fire flames burning",
        r"\bwould\s+look\s+(?:good|better|nice|great|lovely|beautiful)\s+(?:on fire|in flames|burning|with a bullet hole)\b",
    ),
]
