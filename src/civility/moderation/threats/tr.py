"""Turkish threat grammar, matched on normalised text (ı ş ğ ç ö ü → i s g c o u).

Turkish puts subject, tense and negation in the verb's suffixes, so the
grammar is mostly suffixes: a violent stem with a first-person future or
aorist ending (öldür-eceğim, gebert-irim, kafanı kes-eceğim), a passive
stem with "should" or a jussive ending (öldürül-meli, kurşuna dizil-sin),
and imperatives. Negative forms put -me/-ma before those endings
(öldürmeyeceğim, öldürülmemeli), so they do not match. Verbs that are also
everyday words (vur- "hit", as- "hang up", yak- "light", kes- "cut", bul-
"find") need a person or a body part as object.

Normalisation makes some words one: "ölsün" (may he die) is "olsun" (let it
be), "ölürsün" is "olursun" (you will become), "yakın" (burn!) is "yakın"
(near), "aşın" (your vaccine) is "asın" (hang!). None of them is used alone.
"""

from __future__ import annotations

from .build import folded, rule

_FUT1 = (
    r"y?(?:ecegim|acagim|ecem|acam|icem|ucam|cegim|cagim|ecegiz|acagiz|ecez|acaz|icez|ucaz"
    r"|irim|urum|erim|arim|iriz|uruz|eriz|ariz|rim|riz|ecegimiz)"
)
_STRONG = r"(?:oldur|gebert|bogazla|dogra|kursunla|bicakla|infaz ed|katled|linc ed|lince ed|kafasini kes|kafani kes|kafanizi kes)"
_WEAK = r"(?:vur|as|yak|kes|gom|parcala|sik|ez|bul|hallet|temizle|mahved|cokert|ic|bitir)"
_PERSON = r"(?:gazeteci|muhabir|yazar|hain|editor|sunucu|avukat|hakim|siyasetci|vekil|adam|kadin|herif|serefsiz|pic|kopek|orospu|muhabir)"
_OBJ = (
    r"(?:seni|sizi|onu|onlari|hepinizi|hepsini|bunu|bunlari"
    rf"|(?:bu|o|su)?\s*{_PERSON}(?:yi|yu|i|u|leri|lari|ini|ini de))"
)
_BODY = (
    r"(?:kafani|kafanizi|kafasini|kafalarini|boynunu|boynunuzu|boynunu|dilini|dilinizi|bacaklarini|kollarini|kemiklerini|gozlerini"
    r"|girtlagini|bogazini|ellerini|agzini|disterini|dislerini|kafana|kafaniza|kafasina|evini|evinizi|ofisini|ofisinizi|burosunu|buronuzu|arabani|arabanizi|gazeteni|gazetenizi|binani|binanizi|kanalini|kanalinizi|kanini|kaninizi|sana|size|ona|onlara)"
)
_GROUPS = r"(?:kurt|arap|turk|ezidi|yezidi|hristiyan|ermeni|alevi|suriyeli|gazeteci|escinsel|yahudi|multeci|afgan|hain|terorist|sunni|sii|kafir|gavur|muhabir|yazar|laz|cerkez|rum|suryani|kizilbas)"
_GROUP_PL = _GROUPS + r"(?:ler|lar)"

REPORT_BEFORE = folded(
    r"\b(?:dedi|diyerek|diye|soyledi|soylemis|yazdi|yazmis|bagirdi|bagirarak|tehdit etti|tehdidi|tehdit|mesajinda|mesajda|notta"
    r"|mektupta|iddia|iddiasiyla|gore|aktardi|ifade etti|acikladi|belirtti|haykirdi|slogan|sloganlar|slogani|tehditler|tehdidiyle)\b[^.!?]*$"
)
THREAT_WORD = folded(r"\b(?:tehdit\w*|slogan\w*)")
REPORT_AFTER = folded(
    r"^\W*(?:deniliyor|denilmiyor|denildi|denmis|deniyor|diye|dedi|diyerek|demis|seklinde|yazdi|yazan|yazili|bagirdi|iddiasiyla|sozleriyle|ifadesiyle|tehdidinde|tehdidiyle)\b"
)
NEGATION = folded(
    r"\b(?:asla|hic|hicbir|kimse|kimsenin|degil|yok|kimse de|hic kimse|kendimi|kendimizi|kendini|beni|bizi|yigidi|stresi|stres|zamani|vakti)\s*$"
)

RULES = [
    rule(
        "explicit:i-will-kill",
        0.95,
        "oldur gebert bogazla dogra kursunla bicakla infaz katled linc lince kafasini kafani kafanizi",
        rf"\b{_STRONG}{_FUT1}\b",
        stems=True,
    ),
    rule(
        "explicit:kill-and-then",
        0.92,
        "",
        rf"\b(?:{_OBJ}\s+(?:\w+\s+)?(?:kes|vur|as|yak|parcala)|(?:oldur|gebert|dogra|bogazla|kursunla|bicakla))y?(?:ip|up)\s+(?:\w+\s+){{0,3}}?\w+{_FUT1}\b",
        stems=r"\b(?:oldur|gebert|dogra|bogazla|kes|vur|as|yak|parcala|kursunla|bicakla)y?(?:ip|up)\b",
    ),
    rule(
        "explicit:i-will-shoot-you",
        0.9,
        "seni sizi onu onlari hepinizi hepsini gazeteci muhabir yazar hain editor sunucu avukat hakim siyasetci vekil adam kadin herif serefsiz pic kopek orospu",
        rf"\b{_OBJ}\s+(?:\w+\s+){{0,3}}?(?:vur|as|yak|gom|parcala|ez|bitir|sik|kes|cokert|doldur)(?:up\s+\w+)?{_FUT1}\b",
        stems=rf"(?:vur|as|yak|gom|parcala|ez|bitir|sik|kes|cokert|doldur)(?:up\s+\w+)?{_FUT1}\b",
    ),
    rule(
        "explicit:we-will-find-you",
        0.75,
        "seni sizi",
        rf"\b(?:seni|sizi)\s+(?:\w+\s+){{0,2}}?(?:bul|hallet|temizle|yakala){_FUT1}\b",
    ),
    rule(
        "explicit:your-head",
        0.92,
        "kafani kafanizi kafasini kafalarini boynunu dilini bacaklarini kollarini kemiklerini gozlerini girtlagini bogazini ellerini "
        "agzini dislerini kafana kafaniza kafasina evini evinizi ofisini ofisinizi burosunu buronuzu arabani arabanizi gazeteni gazetenizi binani binanizi kanalini kanalinizi kanini kaninizi sana size ona onlara",
        rf"\b{_BODY}\s+(?:\w+\s+){{0,2}}?(?:kes|kir|kopar|kopart|sok|ez|patlat|dagit|oy|ucur|havaya ucur|yak|bas|bombala|kundakla|sik|kursun sik|dik|bicakla|parcala|bogazla|dok|bul){_FUT1}\b",
    ),
    rule(
        "call:should-be-killed",
        0.92,
        "oldurul gebertil asil vurul kursuna dizil idam edil yakil kafasi bogazlan linc lince katledil",
        r"\b(?:oldurul|gebertil|asil|vurul|kursuna dizil|idam edil|kafasi kesil|kafalari kesil|bogazlan|linc edil|lince edil|katledil)"
        r"(?:meli|mali|melidir|malidir|meliler|malilar|sin|sinler|sun|sunlar|melisin|malisin)\b(?<!\basilsin)",
        stems=True,
    ),
    # Necessity with the infinitive or the active "must" ending: "bu gazeteciyi
    # öldürmek lazım" (this journalist must be killed), "hepsini gebertmek şart",
    # "onu öldürmeliyiz" (we must kill him). "... lazım değil" is not a call.
    rule(
        "call:must-kill",
        0.92,
        "oldurmek gebertmek bogazlamak kursunlamak katletmek oldurmeli gebertmeli katletmeli kursuna asmak",
        rf"\b(?:oldur|gebert|bogazla|kursunla|katlet|kursuna diz|kafasini kes|kafalarini kes|linc et|lince et)"
        rf"(?:mek|mak)\s+(?:lazim|gerek|gerekir|gerekiyor|sart|farz)\b(?!\s+(?:degil|yok))"
        rf"|\b(?:oldur|gebert|bogazla|kursunla|katlet|kursuna diz)(?:meli|mali)(?:yiz|yim|sin|siniz|dir|ler|ydi)?\b"
        rf"|\b{_OBJ}\s+(?:\w+\s+)?(?:as|vur|yak|ez|bitir)(?:mak|mek)\s+(?:lazim|gerek|gerekir|gerekiyor|sart|farz)\b(?!\s+(?:degil|yok))",
        stems=r"(?:oldur|gebert|bogazla|kursunla|katlet|kursuna diz|kafasini kes|kafalarini kes|linc et|lince et|as|vur|yak|ez|bitir)(?:mek|mak|meli|mali)",
    ),
    rule(
        "call:kill-them",
        0.9,
        "oldurun gebertin dizin kesin bogazlayin edin katledin vurun asin yakin temizleyin vursun oldursun gebertsin assin",
        rf"\b(?:oldurun|gebertin|kursuna dizin|kafasini kesin|kafalarini kesin|bogazlayin|linc edin|katledin)\b"
        rf"|\b{_OBJ}\s+(?:\w+\s+)?(?:vurun|asin|yakin|temizleyin|yok edin|bitirin|gebertin|oldurun)\b"
        rf"|\b(?:biri|birisi|biri de|birisi de|kimse yok mu)\s+(?:\w+\s+){{0,2}}(?:vursun|oldursun|gebertsin|assin|bogazlasin|kafasina siksin|temizlesin)\b",
    ),
    rule(
        "call:deserves-death",
        0.9,
        "hak",
        r"\b(?:olmeyi|oldurulmeyi|asilmayi|kursuna dizilmeyi|idam edilmeyi|gebermeyi|bir kursunu|kursunu|kursun|ipi|idami|olumu|kafasina bir kursunu)\s+"
        r"(?:\w+\s+)?hak\s+(?:ediyor|ediyorsun|ediyorlar|ediyorsunuz|etti|eder|etmis|ediyorlardi)\b",
    ),
    rule(
        "call:groups-must-go",
        0.9,
        "oldurun temizleyin edin katledin bitirin edilmeli temizlenmeli olmeli oldurulmeli katledilmeli",
        rf"\b{_GROUP_PL}(?:i|ı)?\s+(?:hep(?:si|sini)?\s+|tek tek\s+)?(?:oldurun|temizleyin|yok edin|katledin|bitirin|yok edilmeli|temizlenmeli|olmeli|oldurulmeli|katledilmeli|gebermeli|silinmeli)\b",
        stems=True,
    ),
    rule(
        "incitement:death-to",
        0.75,
        "olum",
        rf"\b{_GROUPS}(?:lere|lara|e|a|ye|ya)\s+olum\b\s*(?:!|\.|$)",
        stems=True,
    ),
    rule(
        "incitement:arms",
        0.85,
        "silahlanin silaha silahlari",
        r"\b(?:silahlanin|silaha sarilin|silahlari alin|silahlari kusanin)\b\s+(?:ve\s+)?(?:\w+\s+)?(?:vurun|oldurun|karsi|saldirin|temizleyin)",
    ),
    rule(
        "incitement:another-massacre",
        0.85,
        "halepce enfal soykirim katliam maras sivas roboski dersim",
        r"\byeni bir\s+(?:halepce|enfal|soykirim|katliam|maras|sivas|roboski|dersim)\s+(?:lazim|gerek|yapilmali|yapmak lazim|hak ediyor|hak ediyorlar|sart)",
    ),
    # "geberesin" (may you croak), "inşallah kazada ölürsün" (God willing
    # you die in an accident), "cehennemde yan" (burn in hell), "Allah seni
    # kahretsin" (God destroy you). Bare "inşallah ölürsün" normalises to
    # "inşallah olursun" (you will be, God willing), which answers "I want
    # to be a doctor": it needs a manner of dying here, and is only held
    # bare (wish:god-punish-you). "Namaz kılmazsan cehennemde yanarsın"
    # (pray or you'll burn in hell) is preaching: the future "yanarsın"
    # counts only with a wish word.
    rule(
        "wish:may-god-take-your-life",
        0.85,
        "canini canlarini canini alsin gebersin gebersinler geberir geberirsin oldurulur vurulur asilir dizilir sikilir kaza kanser kursun cenazeni cenazesini cenazelerini "
        "geberesin geberesiniz geberesice gebermen gebermelisin gebermelisiniz gebereceksin gebereceksiniz olumunu olumunuzu "
        "cehennemde cehennemin cehennem kahretsin oldursun gebertsin batirsin yaksin yakalatsin olursun",
        r"\b(?:geberesin|geberesiniz|geberesice|gebermelisin|gebermelisiniz|gebereceksin|gebereceksiniz)\b"
        r"|\bgebermen(?:iz)?\s+(?:lazim|gerek|sart)\b(?!\s+(?:degil|yok))"
        r"|\b(?:insallah|umarim|dilerim|allahtan dilerim)\s+(?:(?:sen|siz)\s+)?(?:(?:bir\s+)?(?:\w+\s+)?(?:kazasinda|kazada|kanserden|aci cekerek|acilar icinde|surunerek|kahrolarak|gebererek|bir an once)\s+)olursun(?:uz)?\b"
        r"|\b(?:olumunu|olumunuzu)\s+(?:\w+\s+)?(?:goreyim|gorelim|gorurum|diliyorum|diliyoruz|istiyorum|bekliyorum|dilerim)\b"
        r"|\bkanser\s+ol(?:asin|asiniz)?\b(?!\w)"
        r"|\bcehennem(?:de|in dibinde|in atesinde| atesinde)\s+(?:\w+\s+)?(?:yan(?!\s+yana)|yanasin|yanasiniz|yanin|yansin|yansinlar|kavrul|kavrulasin|kavrulasiniz|yanmalisin)\b"
        r"|\b(?:insallah|umarim|dilerim)\s+(?:\w+\s+)?cehennem(?:de|in dibinde|in atesinde)\s+(?:yanarsin|yanarsiniz|yanacaksin|yanacaksiniz)\b"
        r"|\bcehennem(?:de|in dibinde|in atesinde)\s+(?:yanarsin|yanarsiniz|yanacaksin|yanacaksiniz)\s+(?:insallah|umarim)\b"
        r"|\ballah\s+(?:seni|sizi)\s+(?:\w+\s+)?(?:kahretsin|oldursun|gebertsin|yerin dibine batirsin|cehennemde yaksin|kansere yakalatsin|kahrindan oldursun|kor etsin|helak etsin)\b"
        r"|\ballah\s+(?:canini|canlarini|canini da)\s+alsin\b"
        r"|\b(?:umarim|insallah|dilerim)\s+(?:\w+\s+)?(?:kafasina|kafana|kalbine)\s+(?:bir\s+)?kursun\s+(?:yer|yersin|yesin|sikilir|sikilsin|girer)\b"
        r"|\b(?:cenazeni|cenazesini|cenazelerini)\s+(?:\w+\s+)?(?:gorur|gorsun|goreyim|kaldirir|kaldiririz|kaldiracagiz)\b"
        r"|\b(?:insallah|umarim|dilerim|allahtan dilerim|dua ediyorum)\s+(?:\w+\s+){0,2}?(?:gebersin|gebersinler|geberir|geberirsin|oldurulur|oldurulursun|vurulur|vurulursun"
        r"|asilir|kursuna dizilir|kafasina sikilir|bir kaza gecirir|bir kaza gecirirsin|kanser olur|kanser olursun|gebersen)\b",
        stems=True,
    ),
    # Curses that wish punishment rather than death, and "go to hell": held
    # (0.5; Turkish rejects at a violation of 0.6). "Allah kahretsin" alone
    # is "damn it" and "kahrolsun faşizm" a slogan, so they need "you"
    # ("seni", "-asın") or a person; "eline sağlık" (well done) is no curse.
    rule(
        "wish:god-punish-you",
        0.5,
        "cezani cezanizi mustahakini mustahakinizi bildigi gazabina kirilsin kurusun kopsun curusun sonsun "
        "kahrolasin kahrolasiniz kahrolasi cehenneme cehennemin olursun olursunuz kurutsun kirsin koparsin curutsun",
        r"\ballah\s+(?:(?:senin|sizin)\s+)?(?:cezani|cezanizi|mustahakini|mustahakinizi)\s+versin\b"
        r"|\ballah\s+(?:seni|sizi)\s+bildigi\s+gibi\s+yapsin\b"
        r"|\b(?:allahin\s+)?gazabina\s+ugrayasin(?:iz)?\b"
        r"|\b(?:elin|ellerin|elleriniz|elini|dilin|agzin|kalemin)\s+(?:\w+\s+)?(?:kirilsin|kurusun|kopsun|curusun)\b"
        r"|\bocagin(?:iz)?\s+sonsun\b"
        r"|\bkahrolasin(?:iz)?\b|\bkahrolasi\s+(?:gazeteci|muhabir|yazar|herif|hain|adam|kadin|editor)\w*"
        r"|\b(?:cehenneme|cehennemin dibine)\s+(?:kadar\s+yolun(?:uz)?\s+var|git|gidin|gidesin|gidesiniz)\b"
        r"|\ballah\s+(?:\w+\s+)?(?:elini|ellerini|elleri|dilini|kalemini)\s+(?:kurutsun|kirsin|koparsin|curutsun)\b"
        # "Biz olduk, sen de olursun inşallah" (we made it, you will too):
        # "de" before it is "you too", a good wish.
        r"|\b(?:insallah|umarim)\s+olursun(?:uz)?(?:\s+\w+)?\s*(?:[.!?]|$)"
        r"|(?<!\bde )(?<!\bda )(?<!\bsende )(?<!\bsizde )\bolursun(?:uz)?\s+insallah\s*(?:[.!?]|$)",
        negatable=False,
    ),
    # Veiled: "bunun hesabını vereceksin" (you will answer for this),
    # "uzun yaşamayacaksın" (you won't live long), "sonun yakın" (your end is
    # near). "Halka hesap vereceksiniz" (you will answer to the people) is
    # politics: the account must be for "this" or the writing. Held.
    rule(
        "veiled:you-will-answer-for-this",
        0.5,
        "hesabini yasamayacaksin yasamayacaksiniz sonun sonunuz",
        r"\b(?:bunun|bu yazinin|bu haberin|bu makalenin|yazdiklarinin|yazdiginin|soylediklerinin|yazinin|haberinin)\s+hesabini\s+(?:\w+\s+)?"
        r"(?:vereceksin|vereceksiniz|verirsin|soracagiz|soracagim|sorariz|sorarim)\b"
        r"|\b(?:uzun|cok|fazla)\s+(?:\w+\s+)?yasamayacak(?:sin|siniz)\b"
        r"|\bsonun(?:uz)?\s+(?:cok\s+)?(?:yakin|yaklasti|geldi|yakindir)\b",
    ),
    # "Bu yazıyı yazanı bulacağız" (we will find whoever wrote this): the
    # writer named by the writing, then the first person's future of "find".
    rule(
        "veiled:we-will-find-the-writer",
        0.75,
        "yazani yazanlari yazan gazeteciyi muhabiri yazari editoru sunucuyu",
        r"\b(?:(?:bu\s+)?(?:yaziyi|haberi|makaleyi|yalanlari|bunu|bunlari)\s+yazan(?:i|lari)|(?:bu\s+|o\s+)?(?:gazeteciyi|muhabiri|yazari|editoru|sunucuyu))\s+"
        rf"(?:\w+\s+){{0,2}}?(?:bul|yakala|hallet){_FUT1}\b",
    ),
    rule(
        "veiled:we-know-where-you-live",
        0.85,
        "biliyoruz biliyorum biliriz ogrendik bulduk",
        r"\b(?:nerede|nerde)\s+(?:oturdugunu|yasadigini|calistigini|kaldigini|yattigini|oldugunu)\s+(?:cok iyi\s+)?(?:biliyoruz|biliyorum|biliriz|ogrendik|bulduk)\b"
        r"|\b(?:evini|evinizi|adresini|adresinizi|ofisini|buronu|cocuklarinin okulunu|cocuklarini|kizinin okulunu|oglunun okulunu|aileni|ailenin yerini|ailenin evini)\s+"
        r"(?:cok iyi\s+)?(?:biliyoruz|biliyorum|ogrendik|bulduk|biliriz)\b"
        r"|\b(?:evinin|ofisinin|adresinin|okulunun|cocuklarinin okulunun)\s+(?:nerede|nerde)\s+oldugunu\s+(?:biliyoruz|biliyorum)\b"
        r"|\bhangi\s+\w+\s+(?:gittigini|calistigini|oturdugunu|kaldigini|okudugunu)\s+(?:cok iyi\s+)?(?:biliyoruz|biliyorum)\b",
    ),
    # "Bir daha yazarsan görürsün" (write again and you'll see); "ailene
    # dikkat et" (mind your family); "yolda dikkatli yürü, gazeteci" (walk
    # carefully on the road, journalist: addressed, so "yolda dikkatli
    # yürüyün, buzlanma var" about ice is not).
    rule(
        "veiled:write-again-and-see",
        0.75,
        "yazarsan yazarsaniz konusursan konusursaniz yaparsan",
        r"\bbir daha\s+(?:boyle\s+|bunu\s+|bunlari\s+|boyle seyler\s+|yalan\s+)?(?:yazarsan|yazarsaniz|konusursan|konusursaniz|haber yaparsan)\s+"
        r"(?:\w+\s+)?(?:gorursun|gorursunuz|bak gor|neler olacak|sonun kotu olur|karismam|yandin|yandiniz)\b",
    ),
    rule(
        "veiled:mind-your-family",
        0.5,
        "dikkat",
        r"\b(?:ailene|cocuklarina|esine|annene|kizina|ogluna|ailenize|cocuklariniza)\s+(?:iyi\s+|cok\s+)?(?:dikkat et|dikkat edin)\b",
    ),
    rule(
        "veiled:walk-carefully-journalist",
        0.5,
        "dikkatli",
        r"\b(?:yolda|sokakta|geceleri|gece|eve giderken|aksamlari)\s+(?:\w+\s+)?dikkatli\s+(?:yuru|ol|gez|dolas|yuruyun|olun)\b[^.!?]{0,20}?"
        r"\b(?:gazeteci|muhabir|yazar|kalemsor|editor|hain|haberci)\w*",
    ),
    rule(
        "veiled:watch-your-back",
        0.8,
        "arkani arkana",
        r"\b(?:arkani kolla|arkanizi kollayin|arkana dikkat et|arkani kollasan iyi olur|arkani kollasan iyi edersin)\b",
    ),
    rule(
        "veiled:you-will-regret",
        0.75,
        "pisman",
        r"\b(?:seni|sizi)?\s*pisman\s+(?:edecegiz|ederiz|edecegim|ederim)\b"
        r"|\b(?:yazdigina|yazdiklarina|bu yaziya|bu habere|soylediklerine|soyledigine|dediklerine|bu yazina|bu haberine)\s+(?:cok\s+)?pisman\s+(?:olacaksin|olursun|olacaksiniz)\b",
    ),
    rule(
        "veiled:days-are-numbered",
        0.8,
        "gunlerin gunleriniz siradaki sirada",
        r"\b(?:gunlerin|gunleriniz)\s+sayili\b|\b(?:siradaki sensin|siradaki siz|sirada sen varsin|sira sana da gelecek|sira sende)\b",
    ),
    rule(
        "veiled:you-will-pay",
        0.7,
        "bedelini bedelin",
        r"\bbedelini\s+(?:cok\s+)?(?:agir\s+)?(?:odeyeceksin|odersin|odeyeceksiniz|odeteceğiz|odetecegiz|odetiriz)\b",
    ),
    rule(
        "veiled:something-will-happen",
        0.8,
        "basina ailene cocuklarina",
        r"\bbasina\s+(?:bir is|bir sey|bir kaza|bela|isler|neler)\s+(?:gelir|gelecek|gelebilir|gelirse|gelmesin)\b|\bbasina gelecekleri\b"
        r"|\b(?:ailene|cocuklarina|esine|kizina|ogluna|annene)\s+(?:bir sey|zarar|bir kaza)\s+(?:olursa|olmasin|gelmesin|gelirse|olabilir)\b",
    ),
    rule(
        "veiled:no-escape",
        0.75,
        "kacamazsin kacarsan uyari uyarin uyarimiz",
        r"\b(?:elimizden|bizden)\s+kacamazsin\b|\bnereye kacarsan kac\b|\bson\s+(?:uyari|uyarin|uyarimiz)\b|\bson kez uyariyoruz\b",
    ),
    rule(
        "veiled:like-the-murdered",
        0.9,
        "hrant dink mumcu anter emec ipekci",
        r"\b(?:hrant|hrant dink|ugur mumcu|musa anter|cetin emec|abdi ipekci)\s+gibi\s+(?:olursun|olacaksin|sonun|gidersin|yapariz|olur|bitersin|olmak istemiyorsan|olmak istemezsen)",
    ),
]
