"""The words of danger, negation and time that the narrative screen looks for.

Each hazard phrase was chosen from how call-takers actually write: plain words,
CAD shorthand (expanded in `text.py`), and police codes. Where a word is
dangerous only in some company ("alarm" but not "smoke alarm install"), the
safe company is listed in SAFE_CONTEXT rather than dropping the word.
"""

from __future__ import annotations

from cso.core.types import HazardSign

HAZARD_PHRASES: dict[HazardSign, tuple[str, ...]] = {
    HazardSign.IN_PROGRESS: (
        "in progress", "in prog", "inprogress", 
        
        "is breaking in", "are breaking in", "breaking in now", "trying to break in",
        "attempting to break in", "is breaking into", "are breaking into", "trying to get in",
        
        
        "is stealing", "are stealing", 
        "still fighting", "in the act",
    ),
    HazardSign.WEAPON: (
        "weapon", "weapons", "gun", "guns", "handgun", "pistol", "rifle", "shotgun", "firearm",
        "firearms", "knife", "knives", "machete", "blade", "sword", "axe", "hatchet",
        "armed", "brandishing", "brandished", "brandish", "shots", "shot", "shooting",
        "gunshot", "gunshots", "gunfire", "stabbed", "stabbing", "stab", "crowbar", "with a bat", "baseball bat",
        "assault with weapon", "pointed a", "pulled a", "waving a", "ammunition", "ammo",
        "bomb", "explosive", "explosives", "taser", "pepper spray", "mace", "knive", "knif",
        "weopon", "weapen", "wepon",
    ),
    HazardSign.VIOLENCE: (
        "assault", "assaulted", "assaulting", "attack", "attacked", "attacking", "punch",
        "punched", "punching", "beat", "beaten", "beating", "beat up", "kick", "kicked",
        "kicking", "slap", "slapped", "choke", "choked", "choking him", "choking her",
        "strangle", "strangled", "strangling", "battery", "hit him", "hit her", "hit me",
        "hit them", "hitting him", "hitting her", "hitting me", "hitting", "hurt me",
        "hurting", "threatening", "threatened", "threatens", "threat", "threats",
        "threatening to kill", "kill", "killed", "murder", "homicide", "rape", "raped",
        "robbery", "robbed", "mugged", "carjack", "carjacked", "hostage", "kidnap",
        "kidnapped", "abducted", "violent", "violence", "aggressive", "combative",
        "belligerent", "hostile", "assaultive", "swinging at", "pushed him", "pushed her",
        "pushed me", "shoved", "bit him", "bit her", "throwing things", "throwing punches",
        "out of control", "molested", "sexual assault", "grabbed her", "grabbed him",
        "grabbed me",
    ),
    HazardSign.FIGHT: (
        "fight", "fighting", "fights", "brawl", "disturbance", "altercation", "scuffle",
        "physical", "came to blows", "rumble", "melee",
    ),
    HazardSign.INJURY: (
        "injured", "injury", "injuries", "hurt", "bleeding", "blood", "bloody", "wounded",
        "wound", "wounds", "laceration", "broken bone", "broken arm", "broken leg",
        "head injury", "concussion", "ambulance", "injuried", "injurd",
    ),
    HazardSign.SUSPECT_ON_SCENE: (
        "suspect on scene", "suspect is on scene", "suspect still", "suspects still",
        "still on scene", 
         "he is still", "he's still", "she is still", "she's still", "they are still", "they're still", "suspect is still", "suspects are still", "male still", "female still", "guy still", "man still", "subject still", "subjects still", "person still", "suspects on scene", "subject on scene", "suspect still on scene",
        "is here now", "is there now", "refuses to leave", "refusing to leave", "won't leave",
        "will not leave", "hiding in", "hiding inside", 
        "someone inside", "someone is inside", "someone in my house", "someone in the house",
        "in my house now", "following me", "watching me", "waiting outside", 
        "suspect is here", "he is here", "she is here", "they are here", "he's here",
        "she's here", "they're here", "he is outside", "she is outside", "they are outside",
        "he's outside", "she's outside", "banging on", "pounding on", "trying to get into",
        "holding a shoplifter", "holding suspect", "detained", "is detaining",
    ),
    HazardSign.DOMESTIC: (
        "domestic", "domestics", "domestic violence", "family fight", "family violence",
        "family disturbance", "spouse abuse", "restraining order", "protection order",
        "protective order", "no contact order", "pfa", "tro", "fro", "order of protection",
        "husband hit", "wife hit", "boyfriend hit", "girlfriend hit", "partner hit",
        "husband is hitting", "boyfriend is hitting", "ex boyfriend", "ex husband",
        "ex-boyfriend", "ex-husband", "ex girlfriend", "ex-girlfriend", "ex wife", "ex-wife",
        "domestic dispute", "domestic disturbance",
    ),
    HazardSign.ALARM: (
        "alarm", "alarms", "alarm going off", "alarm sounding", "alarm activation",
        "burglar alarm", "panic alarm", "hold up alarm", "holdup alarm", "duress alarm",
        "alarm company", "audible alarm", "silent alarm", "alram", "alarn",
    ),
    HazardSign.SUSPICIOUS: (
        "suspicious", "suspiciously", "prowler", "prowling", "prowlers", "casing",
        "peeping", "peeping tom", "lurking", "looking into cars", "looking in cars",
        "checking car doors", "trying car doors", "trying door handles", "pulling on door handles",
        "checking door handles", "strange noise", "strange noises", "strange man",
        "strange men", "someone in my yard", "someone in the yard", "someone in my backyard",
        "someone in the backyard", "unknown person", "unknown male", "unknown female",
        "unknown subject", "unknown subjects", "noises coming from", "heard noises",
        "heard a noise", "heard someone", "suspicous", "suspisious", "suspcious",
    ),
    HazardSign.MENTAL_HEALTH_THREAT: (
        "suicidal", "suicide", "kill himself", "kill herself", "kill myself", "kill themself",
        "kill themselves", "end his life", "end her life", "end my life", "take his life",
        "take her life", "jump off", "threatening to jump", "harm himself", "harm herself",
        "hurt himself", "hurt herself", "self harm", "self-harm", "psychiatric hold",
        "cutting himself", "cutting herself", "overdosed", "sucidal", "suicdal",
    ),
    HazardSign.INTOXICATED_AGGRESSIVE: (
        "drunk and aggressive", "drunk and belligerent", "drunk and combative",
        "intoxicated and aggressive", "intoxicated and combative", "drunk and fighting",
        "drunk and threatening", "high and aggressive", "high and combative",
        "drunk driver", "drunk driving", "dui", "dwi", "impaired driver", "intoxicated driver",
    ),
    HazardSign.VULNERABLE_IN_DANGER: (
        "child locked in", "baby locked in", "kid locked in", "infant locked in",
        "toddler locked in", "child in the car", "baby in the car", "kid in the car",
        "infant in the car", "child in car", "baby in car", "child left alone",
        "children left alone", "kids left alone", "left alone", "left in car",
        "left in the car", "hot car", "in danger", "endangered", "at risk of harm",
        "being abused", "abuse", "abused", "abusing", "neglect", "neglected", "amber alert",
        "child abuse", "elder abuse", "being held", "held against", "trapped", "drowning",
        "wandered off", "toddler wandering", "small child wandering", "child wandering",
    ),
    HazardSign.FORCE_OR_ARREST: (
        "arrest", "arrested", "warrant", "warrants", "wanted", "in custody", "custody of",
        "fleeing", "fled on foot", "running from police", "pursuit", "chase", "resisting",
        "escaped", "escapee", "evict", "take him into custody", "take her into custody",
        "restrain", "restrained", "break down the door",
        "kick in the door",
    ),
    HazardSign.TRAFFIC_STOP: ("traffic stop", "pull over", "pull them over", "stop the vehicle"),
    HazardSign.NOISY_PARTY: (
        "loud party", "noisy party", "house party", "big party", "large party",
        "party next door", "party upstairs", "party downstairs", "party going on",
        "partying", "kegger", "party with", "party at",
    ),
    HazardSign.LIFE_THREAT: (
        "not breathing", "isn't breathing", "stopped breathing", "can't breathe",
        "cannot breathe", "unresponsive", "unconscious", "overdose", "overdosing", "od",
        "cpr", "chest pain", "heart attack", "stroke", "seizure", "seizing", "choking",
        "drowning", "on fire", "fire", "flames", "smoke coming", "smoke pouring",
        "gas leak", "smell of gas", "smells gas", "smell gas", "explosion", "exploded",
        "severe bleeding", "bleeding heavily", "collapsed", "person not moving", "he is not moving", "she is not moving", "man not moving", "hazmat",
        "downed power line", "power line down", "live wire", "wires down", "sparking",
        "carbon monoxide", "found dead", "dead body", "dead person", "dead man", "dead woman",
        "person is dead", "he is dead", "she is dead", "appears dead", "appears to be dead",
        "deceased", "body found", "found a body",
    ),
}

# Phrases that contain a hazard word but are not a sign of danger.
SAFE_CONTEXT: tuple[str, ...] = (
    "smoke alarm install", "install smoke alarm", "install a smoke alarm", "smoke alarm",
    "smoke alarms", "smoke detector", "fire hydrant", "fire lane", "fire department",
    "fire station", "fire extinguisher", "dead battery", "battery is dead", "battery died",
    "battery dead", "car battery", "dead end", "dead animal", "dead deer", "dead raccoon",
    "dead dog", "dead cat", "dead bird", "dead skunk", "dead possum", "dead opossum",
    "dead squirrel", "roadkill", "body shop", "body of water", "speed bump", "no threat",
    "active shooter drill", "fire drill", "gun safety", "gun lock", "gun locks",
    "firearm safety", "child safety seat", "car seat", "shot clinic", "flu shot",
    "hit and run", "hit-and-run", "was hit by a car", "hit a pole", "hit a deer",
    "hit my car", "hit my parked car", "hit the car", "hit our car", "hit a parked car",
    "hit the mailbox", "hit a mailbox", "hit a fence", "hit the fence", "hit a sign",
    "hit my fence", "side swiped", "parking lot", "park", "party city", "third party",
    "other party", "reporting party", "involved party", "responsible party", "party line",
    "birthday party", "block party", "tea party", "search party", "bat house",
    "baseball practice", "abandoned", "vacation", "active duty", "active warrant check",
    "fireworks", "wanted to know", "wanted to ask", "wanted to report", "wanted a report",
    "wants to know", "wanted to file", "just wanted", "shot put", "photo shoot",
    "mug shot", "kill switch", "dead bolt", "deadbolt", "stroke of", "beat cop",
    "fire alarm inspection", "alarm clock", "alarm permit", "false alarm permit",
    "chased the dog", "dog chasing", "chasing cars", "no longer in custody",
    "custody exchange", "custody papers", "child custody", "body cam", "abuse of parking",
    "left alone by", "not endangered", "busted", "bust", "being towed", "is being towed",
    "getting towed", "are being towed", "trapped keys", "keys trapped", "fight the ticket",
    "fight a ticket", "fight the citation", "blood sample", "blood samples", "blood draw", "body damage", "battery dying",
    "cpr class", "cpr training", "cpr certification", "cpr certified", "first aid class", "fire safety",
    "hot car safety", "my battery", "the battery", "a battery", "battery jump", "battery charge",
    "battery charger", "low battery", "new battery", "her battery", "his battery", "vehicle battery",
    "truck battery", "battery light", "battery replacement",
)

# Words that deny what follows them within the same clause ("no weapons seen").
NEGATION_BEFORE: tuple[str, ...] = (
    "no", "not", "none", "without", "never", "neither", "nor", "negative", "denies",
    "denied", "deny", "nobody", "no one", "nothing", "isn't", "wasn't", "aren't", "weren't",
    "doesn't", "didn't", "don't", "hasn't", "haven't", "no sign of", "no signs of",
    "no evidence of", "unarmed", "free of", "non", "cannot see any", "did not see",
    "no longer", "zero", "nobody was", "no one was", "not any", "lack of", "ruled out",
)
# Words that deny what comes just before them ("weapons: none", "injuries denied").
NEGATION_AFTER: tuple[str, ...] = (
    "none", "negative", "denied", "nil", "not seen", "not involved", "not reported",
    "not present", "not visible", "neg",
)
NEGATION_REACH = 5
NEGATION_AFTER_REACH = 2

# Words that make a crime call hot when they stand beside one ("stealing right now").
HOT_PHRASES: tuple[str, ...] = (
    "happening now", "happening right now", "going on now", "going on right now", "right now",
    "as we speak", "ongoing", "currently", "just happened", "just occurred", "just now",
    "less than 15", "less than 5", "less than 10", "less than 20", "minutes ago", "minute ago",
    "still going", "still happening", "is occurring", "at this time",
)

# Signs the event is over and the suspect gone: a cold report.
COLD_PHRASES: tuple[str, ...] = (
    "yesterday", "last night", "last week", "last month", "last weekend", "overnight",
    "over night", "over the weekend", "earlier today", "earlier this morning",
    "earlier this week", "this morning", "hours ago", "hour ago", "days ago", "day ago",
    "weeks ago", "week ago", "months ago", "month ago", "sometime between", "some time between",
    "occurred between", "happened between", "between", "report only", "for a report",
    "for report", "needs a report", "needs report", "wants a report", "want a report",
    "to make a report", "to file a report", "file a report", "insurance", "case number",
    "report number", "cold", "gone on arrival", "long gone", "suspect gone",
    "suspects gone", "suspect left", "suspects left", "left the area", "left before",
    "left prior", "no suspect", "no suspects", "no suspect info", "no suspect information",
    "unknown suspect", "unknown suspects", "suspect unknown", "came back to find",
    "came home to find", "returned home to find", "returned to find", "returned to",
    "woke up to find", "woke up and", "discovered", "noticed", "found out", "delayed report",
    "while away", "while on vacation", "while at work", "when returning", "upon returning",
    "past", "referral", "report referral", "earlier", "previously", "on monday",
    "on tuesday", "on wednesday", "on thursday", "on friday", "on saturday", "on sunday",
    "last friday", "last saturday", "last sunday", "left an hour ago", "no longer there",
    "no longer on scene", "not on scene", "already gone", "already left", "is gone",
    "are gone", "has left", "have left", "took off",
)
