"""PLOVER knowledge: trigger lexicon, word classes, governors, codes and crosswalks (ours).

What lives here, so a reader can check every coding decision:

- ``plover_lexicon.tsv`` (data/): trigger lemmas per PLOVER type with mode and CAMEO code; some need an
  object or modifier from a word class (:data:`WORD_CLASSES`) — "send troops" is MOBILIZE, "send aid" AID.
- :data:`GOVERNORS`: verbs that take an event as complement and decide its coding ("threatened to
  strike" is THREATEN, "agreed to withdraw" AGREE, "urged X to stop" REQUEST, "refused to meet" REJECT,
  "accused X of shelling" ACCUSE). The complement event is absorbed: it gives the mode, not a second event.
- :data:`TYPE_INFO`: CAMEO root, quad class (1 verbal coop, 2 material coop, 3 verbal conflict,
  4 material conflict) and a Goldstein-like intensity per type (mode-level overrides in
  :data:`MODE_INTENSITY`), from the Goldstein (1992) scale of the CAMEO roots.
- :func:`acled_code`: PLOVER type + mode + sentence cues → ACLED ``event_type``/``sub_event_type``.
  ACLED's own names for its 25 sub-event types; for the five CASE 2021 labels ACLED lacks we use the
  extension names "Diplomatic event", "Attribution of responsibility" (under "Strategic developments"),
  "Organized crime" (event type "Crime"), "Natural disaster" and "Man-made disaster" (event type
  "Disasters"). Mapping: ASSAULT → by mode and weapon cues (Air/drone strike, Shelling/artillery/missile
  attack, Grenade, Suicide bomb, Remote explosive/landmine/IED, Chemical weapon, Sexual violence,
  Abduction/forced disappearance, Armed clash, Mob violence, Attack; property → Looting/property
  destruction); PROTEST → Peaceful protest / Protest with intervention / Excessive force against
  protesters / Violent demonstration; COERCE → Arrests, Government regains territory, Non-state actor
  overtakes territory, Disrupted weapons use, Looting/property destruction, else Other; MOBILIZE →
  Headquarters or base established when a base is set up, else Change to group/activity; RETREAT →
  Non-violent transfer of territory when ground is handed over, else Change to group/activity (a
  resignation) or Other; AGREE → Agreement; ACCUSE → Attribution of responsibility; CONSULT, REQUEST,
  REJECT, THREATEN, SANCTION, CONCEDE, COOPERATE, AID → Diplomatic event; SUPPORT (praise) → none.
- :data:`GSR_TYPE_MAP`: PLOVER 0.5 gold-record types → today's 16 (DEMAND → REQUEST, DISAPPROVE and
  INVESTIGATE → ACCUSE, FIGHT → ASSAULT), as in the 2021 CAMEO→PLOVER table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

#: type → (CAMEO root, quad class, intensity)
TYPE_INFO: dict[str, tuple[str, int, float]] = {
    "AGREE": ("03", 1, 4.0),
    "CONSULT": ("04", 1, 1.0),
    "SUPPORT": ("05", 1, 3.4),
    "CONCEDE": ("08", 1, 5.0),
    "COOPERATE": ("06", 2, 6.0),
    "AID": ("07", 2, 7.0),
    "RETREAT": ("08", 2, 5.0),
    "REQUEST": ("10", 3, -2.0),
    "ACCUSE": ("11", 3, -2.0),
    "REJECT": ("12", 3, -4.0),
    "THREATEN": ("13", 3, -4.0),
    "SANCTION": ("16", 3, -4.5),
    "PROTEST": ("14", 4, -6.5),
    "MOBILIZE": ("15", 4, -7.2),
    "COERCE": ("17", 4, -7.0),
    "ASSAULT": ("19", 4, -10.0),
}
#: Mode-level intensities where the Goldstein scale separates them from the type's default.
MODE_INTENSITY: dict[tuple[str, str], float] = {
    ("AGREE", "sign"): 8.0,
    ("AGREE", "ceasefire"): 8.0,
    ("ASSAULT", "beat"): -9.0,
    ("ASSAULT", "abduct"): -9.0,
    ("COERCE", "arrest"): -5.0,
    ("COERCE", "ban"): -4.0,
    ("COERCE", "censor"): -4.0,
    ("PROTEST", "demo"): -6.5,
    ("PROTEST", "riot"): -7.5,
    ("SUPPORT", "praise"): 3.4,
    ("CONSULT", "visit"): 1.9,
    ("CONSULT", "host"): 2.8,
    ("RETREAT", "release"): 7.0,
}

GSR_TYPE_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

#: Named lemma classes that lexicon entries and governors refer to (needs obj:CLASS / mod:CLASS).
WORD_CLASSES: dict[str, frozenset[str]] = {
    k: frozenset(v.split())
    for k, v in {
        "TARGET": "residence helicopter plane aircraft jet market village town city camp school hospital convoy base "
        "position house home building "
        "neighbourhood neighborhood district area checkpoint vehicle car bus headquarters mosque church "
        "bridge airport port station facility depot site refinery plant compound office army troops "
        "soldier civilian people fighter militant rebel gathering crowd wedding funeral target region "
        "province border outpost post barracks strongholds stronghold infrastructure grid residential",
        "PERSONISH": "people person man woman child civilian soldier journalist activist protester "
        "demonstrator official leader member fighter militant rebel suspect prisoner opponent dissident "
        "worker student citizen national resident villager policeman officer wounded injured sick refugee "
        "right decision policy move plan",
        "MUNITION": "rocket missile shell mortar bomb grenade round projectile artillery shot bullet "
        "device ied mine explosive weapon arm ammunition ammo cache firearm pistol rifle gun revolver musket "
        "carbine kalashnikov cartridge magazine stash drone package arsenal",
        "CROWDCONTROL": "tear teargas cannon rubber pellet baton stun pepper",
        "CHEM": "gas chlorine sarin chemical agent toxin poison",
        "PUNITIVE": "retaliatory punitive tit-for-tat countermeasure",
        "ATTACKNOUN": "attack strike airstrike raid offensive assault bombardment operation ambush "
        "bombing incursion counteroffensive counterattack",
        "ARMED": "force troops militant rebel fighter army enemy insurgent",
        "PROPERTY": "house home building village shop car vehicle church mosque office property crop field tyre tire",
        "DETAINEE": "prisoner hostage detainee captive pow prisoner-of-war soldier people person activist "
        "journalist civilian refugee member minister leader opponent suspect",
        "MEDIA": "website newspaper channel internet access media outlet station broadcaster account",
        "CURFEW": "curfew lockdown",
        "EMERGENCY": "emergency law martial",
        "FORCES": "troops troop force soldier unit warship tank personnel battalion brigade fighter "
        "reinforcement contingent peacekeeper police jet aircraft",
        "BASE": "base headquarters hq camp outpost post",
        "DRILL": "exercise drill maneuver manoeuvre",
        "TALKS": "talk negotiation meeting summit consultation discussion dialogue conference",
        "TERRITORY": "territory town city village area region control base district province border",
        "RESTRICTION": "ban restriction sanction embargo curfew blockade siege lockdown measure law rule control",
        "CONCESSION": "amnesty pardon access autonomy right freedom visa concession",
        "ASYLUM": "asylum refuge sanctuary",
        "ROADS": "road highway street bridge railway rail traffic transport entrance route motorway junction crossing",
        "INSPECTOR": "inspector observer monitor investigator",
        "PROTESTNOUN": "strike protest boycott demonstration rally march sit-in walkout",
        "RULE": "ban law order curfew resolution embargo rule sanction constitution norm",
        "ACCESS": "access entry aid inspector observer",
        "SANCTIONNOUN": "sanction embargo tariff penalty restriction ban",
        "RELATIONS": "relation tie aid talk negotiation mediation cooperation assistance funding "
        "contact dialogue mission trade export import",
        "ENVOY": "ambassador envoy diplomat embassy mission attache inspector observer monitor staff consul",
        "ASSETS": "asset account fund",
        "EMBASSY": "embassy consulate mission border",
        "RESPONSIBILITY": "responsibility credit blame",
        "PROPOSAL": "proposal offer plan request demand invitation call bid initiative resolution proposition appeal "
        "plea ultimatum peace",
        "PARTYISH": "counterpart president minister leader government delegation envoy king prime right decision "
        "policy move plan action",
        "DEAL": "deal agreement accord treaty pact truce ceasefire cease-fire memorandum settlement "
        "understanding protocol compromise arrangement",
        "TRUCE": "truce ceasefire cease-fire armistice",
        "INTEL": "intelligence information data evidence",
        "AIDNOUN": "aid assistance food medicine medical supply relief fuel water grant loan fund "
        "vaccine tent shelter donation weapon arm ammunition equipment humanitarian",
        "SOLIDARITY": "solidarity support sympathy condolence",
        "AIR": "air drone airstrike warplane jet helicopter aerial uav",
        "ARTILLERY": "missile rocket artillery mortar",
        "MILITARYMOD": "military israeli russian american us u.s. ukrainian coalition nato army",
        "LABOUR": "general hunger worker union labour labor teacher doctor nurse nationwide wildcat "
        "national transport open-ended indefinite",
        "PHONE": "phone telephone call video",
        "FORCALL": "for",
    }.items()
}


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry."""

    lemmas: tuple[str, ...]
    pos: str  # "V" or "N"
    type: str
    mode: str | None
    cameo: str
    needs: tuple[str, str] | None  # ("obj"|"mod", CLASS)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, list[Trigger]]:
    """Trigger entries indexed by their first lemma (loaded once per process)."""
    text = resources.files("accord.knowledge").joinpath("data/plover_lexicon.tsv").read_text(encoding="utf-8")
    out: dict[str, list[Trigger]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, pos, etype, mode, cameo, needs = line.split("\t")
        need = tuple(needs.split(":", 1)) if needs != "-" else None
        t = Trigger(tuple(lemma.split("+")), pos, etype, None if mode == "-" else mode, cameo, need)  # type: ignore[arg-type]
        out.setdefault(t.lemmas[0], []).append(t)
    return out


@dataclass(frozen=True)
class Governor:
    """A verb that takes an event as its complement and fixes the coding of the whole."""

    type: str
    cameo: str
    needs_modal: bool = False  # "warned that X could ..." is a threat; "warned that prices rise" is not


GOVERNORS: dict[str, Governor] = {
    "threaten": Governor("THREATEN", "130"),
    "warn": Governor("THREATEN", "130", needs_modal=True),
    "vow": Governor("AGREE", "030"),
    "promise": Governor("AGREE", "030"),
    "pledge": Governor("AGREE", "030"),
    "agree": Governor("AGREE", "030"),
    "offer": Governor("AGREE", "030"),
    "commit": Governor("AGREE", "030"),
    "undertake": Governor("AGREE", "030"),
    "decide": Governor("AGREE", "030"),
    "demand": Governor("REQUEST", "100"),
    "urge": Governor("REQUEST", "100"),
    "ask": Governor("REQUEST", "100"),
    "appeal": Governor("REQUEST", "100"),
    "call": Governor("REQUEST", "100"),
    "press": Governor("REQUEST", "100"),
    "request": Governor("REQUEST", "100"),
    "implore": Governor("REQUEST", "100"),
    "plead": Governor("REQUEST", "100"),
    "refuse": Governor("REJECT", "120"),
    "reject": Governor("REJECT", "120"),
    "decline": Governor("REJECT", "120"),
    "accuse": Governor("ACCUSE", "112"),
    "blame": Governor("ACCUSE", "112"),
    "condemn": Governor("ACCUSE", "111"),
    "criticize": Governor("ACCUSE", "111"),
    "criticise": Governor("ACCUSE", "111"),
    "denounce": Governor("ACCUSE", "111"),
    "allege": Governor("ACCUSE", "112"),
    "charge": Governor("ACCUSE", "112"),
    "investigate": Governor("ACCUSE", "090"),
    "welcome": Governor("SUPPORT", "051"),
    "praise": Governor("SUPPORT", "051"),
    "support": Governor("SUPPORT", "050"),
    "back": Governor("SUPPORT", "050"),
}
#: Verbs that negate the event they govern ("denied attacking", "failed to agree").
NEGATING_GOVERNORS = frozenset({"deny", "fail", "refrain", "avoid", "stop"})
#: Verbs that make the governed event hypothetical or planned.
HYPOTHETICAL_GOVERNORS = frozenset(
    {"consider", "mull", "weigh", "propose", "suggest", "seek", "want", "hope", "wish", "aim", "may"}
)
#: Verbs whose complement is an allegation, not a reported event ("suspected of blowing up").
ABSORBING = frozenset({"suspect", "rumour", "rumor"})
FUTURE_GOVERNORS = frozenset({"plan", "intend", "expect", "schedule", "set", "due", "go", "prepare"})
#: Light verbs whose object noun is the event ("held talks", "carried out strikes", "went on strike").
LIGHT_VERBS = frozenset(
    {
        "hold",
        "have",
        "conduct",
        "carry",
        "launch",
        "stage",
        "make",
        "begin",
        "start",
        "resume",
        "open",
        "attend",
        "join",
        "continue",
        "host",
        "order",
        "mount",
        "lead",
        "organize",
        "organise",
        "call",
        "announce",
        "go",
        "take",
        "undertake",
        "pay",
        "intensify",
        "escalate",
        "step",
        "perform",
        "unleash",
        "wage",
        "suffer",
        "sign",
        "reach",
        "agree",
        "impose",
        "provide",
        "deliver",
        "send",
        "receive",
        "offer",
        "issue",
        "express",
        "erupt",
        "break",
        "occur",
        "happen",
        "hit",
        "kill",
        "target",
        "leave",
        "claim",
        "report",
        "complete",
        "speed",
        "accelerate",
        "hasten",
        "finish",
        "end",
    }
)
#: Agreement nouns: "welcomed the deal" points at the parties of the last AGREE.
AGREEMENT_NOUNS = WORD_CLASSES["DEAL"]

#: Context words (PLOVER contexts) found anywhere in the evidence sentence.
CONTEXT_CUES: dict[str, tuple[str, ...]] = {
    "ceasefire": ("ceasefire", "cease-fire", "truce", "armistice", "pause in fighting", "humanitarian pause"),
    "mediation": ("mediation", "mediator", "mediate", "brokered", "facilitat"),
    "humanitarian": ("humanitarian", "medicine", "medical supplies", "food aid", "relief", "refugee", "displaced"),
    "economic": ("economic", "trade", "fuel", "tariff", "investment", "oil", "gas supplies", "loan", "market access"),
    "civilians": ("civilian", "residents", "market", "hospital", "school", "children", "women"),
    "military": ("military aid", "military cooperation", "arms deliver", "weapons deliver", "military exercise"),
    "elections": ("election", "ballot", "vote", "polling"),
    "refugees": ("refugee", "asylum", "migrant"),
    "human_rights": ("human rights", "rights abuse", "torture"),
    "terrorism": ("terror", "militant", "jihadist", "extremist"),
    "crime": ("drug", "cartel", "trafficking", "smuggl", "gang", "corruption", "bribery", "fraud"),
}


def code_for(etype: str, mode: str | None) -> tuple[str, int, float]:
    """(CAMEO root, quad class, intensity) for a type and mode."""
    cameo, quad, intensity = TYPE_INFO[etype]
    return cameo, quad, MODE_INTENSITY.get((etype, mode or ""), intensity)


def contexts_in(sentence: str) -> list[str]:
    low = sentence.lower()
    return [name for name, cues in CONTEXT_CUES.items() if any(c in low for c in cues)]


# --- ACLED --------------------------------------------------------------------------------------------

ACLED_EVENT_TYPE = {
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Chemical weapon": "Explosions/Remote violence",
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Attack": "Violence against civilians",
    "Sexual violence": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
    # extensions for the CASE 2021 labels ACLED lacks
    "Diplomatic event": "Strategic developments",
    "Attribution of responsibility": "Strategic developments",
    "Organized crime": "Crime",
    "Natural disaster": "Disasters",
    "Man-made disaster": "Disasters",
}

#: CASE 2021 task-2 labels → our ACLED sub_event_type names.
CASE_LABELS = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash",
    "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence",
    "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
    "DIPLO": "Diplomatic event",
    "ATTRIB": "Attribution of responsibility",
    "ORG_CRIME": "Organized crime",
    "NATURAL_DISASTER": "Natural disaster",
    "MAN_MADE_DISASTER": "Man-made disaster",
}


def _cue(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


_C = {
    "air": _cue(
        r"\b(air ?strikes?|air ?raids?|airstrikes?|warplanes?|war ?planes|fighter jets?|jets?|drones?|uavs?|"
        r"helicopters?|gunships?|aerial|aircraft|bombers?|air force|sorties?|barrel bombs?|"
        r"bombed from the air)\b"
    ),
    "shelling": _cue(
        r"\b(shell(ed|ing|s)?|artillery|mortars?|rockets?|missiles?|howitzers?|katyusha|grad|"
        r"bombard(ed|ment)|tank fire|projectiles?|cannon)\b"
    ),
    "grenade": _cue(r"\bgrenades?\b|\bRPGs?\b"),
    "suicide": _cue(r"\bsuicide\b|\bkamikazes?\b|\bself-immolat|\bsuicide vest|\bblew (him|her)self up"),
    "ied": _cue(
        r"\b(ieds?|improvised explosive|roadside bomb|landmines?|land mines?|mines?|car bomb|"
        r"booby[- ]trap|explosive devices?|bomb (blast|exploded|went off)|bombs? (exploded|went off)|"
        r"(blast|explosion) (hit|struck|ripped|tore)|vbied|sticky bomb|magnetic bomb|exploded|"
        r"explosions?|blasts?|detonat\w*|planted)\b"
    ),
    "chemical": _cue(
        r"\b(chemical|chlorine|sarin|toxic gas|poison\w* gas|mustard gas|nerve (agent|gas)|gas attack|"
        r"toxic|asphyx\w*|suffocat\w*|breathing difficult\w*|poison\w* substance)"
    ),
    "armed": _cue(
        r"\b(troops|soldiers?|military (positions?|bases?|camps?|convoy|posts?)|army|forces|militants?|"
        r"fighters?|rebels?|insurgents?|militia\w*|police(men)?|policem[ae]n|security (forces|personnel|"
        r"patrols?|gendarmes?|military \w+|outposts?|barracks|"
        r"members)|checkpoints?|positions|bases?|convoy|gunmen|jihadists?|terrorists?|mujahideen|guerrillas?|"
        r"clash\w*|exchange of fire|fire exchange|counter-?attack)\b"
    ),
    "civilian": _cue(
        r"\b(civilians?|villagers?|residents?|passengers?|worshippers?|students?|women|children|"
        r"families|family|farmers?|pilgrims?|shoppers?|journalists?|aid workers?|ngo|market|school|"
        r"mosque|church|hospital|bus|plane|homes?|houses?|wedding|funeral|people)\b"
    ),
    "weapons": _cue(
        r"\b(weapons?|arms|ammunition|ammo|firearms?|pistols?|rifles?|guns?|revolvers?|explosives?|"
        r"explosive devices?|ieds?|bombs?|grenades?|cache|stash|rounds|cartridges?|mortars?|rockets?)\b"
    ),
    "sexual": _cue(
        r"\b(rap(e|ed|es|ist|ists|ing)|sexual(ly)?|molest\w*|gang-?rapes?|abus\w* (women|girls|her)|"
        r"sexually)\b"
    ),
    "abduct": _cue(r"\b(abduct\w*|kidnap\w*|hostages?|disappear\w*|taken captive|whereabouts)\b"),
    "clash": _cue(
        r"\b(shoot-?outs?|clash(ed|es)?|fought|fighting|firefights?|gun ?battles?|exchange of fire|exchanged fire|"
        r"battles?|engaged|repulsed|repelled|skirmish\w*|counter-?attack|offensive|ambush\w*|combat)\b"
    ),
    "mob": _cue(
        r"\b(mobs?|lynch\w*|vigilant\w*|villagers (clashed|attacked|beat)|angry (crowd|residents|villagers))\b"
    ),
    "protest": _cue(
        r"\b(protest\w*|demonstrat\w*|rioters?|rall(y|ies|ied)|march(ed|es)?|sit-?ins?|strik(e|es|ing)|"
        r"picket\w*|dharna|agitat\w*|walkout)\b"
    ),
    "intervention": _cue(
        r"\b(dispers\w*|tear ?gas|water cannons?|baton|lathi|detained|arrested|rubber bullets|"
        r"broke up|cordon\w*|prevented|stopped|blocked|clashed with police|police charged)\b"
    ),
    "excessive": _cue(
        r"\b(opened fire on|fired (live )?(ammunition|bullets|rounds)|live (fire|ammunition|bullets|rounds)|"
        r"shot dead|excessive force|violently (suppress\w*|disperse\w*|broke up)|brutal\w*|baton\w*|"
        r"(protesters?|demonstrators?|students?|activists?) (were |was )?(killed|shot|died|beaten)|"
        r"(killing|killed|shot|beat(ing)?|beaten|wounding|injuring|injured) (\w+ )?(\w+ )?(protesters?|demonstrators?)|"
        r"died from gunfire|bloodiest|crackdown)\b"
    ),
    "violent": _cue(
        r"\b(riot\w*|violent|violence|molotov|bottles|aggressive|petrol bombs?|hurl\w*|rocks|throw\w*|"
        r"vandali[sz]\w*|torch\w*|set (on )?fire|set ablaze|pelt\w*|stones?|"
        r"stone-pelting|threw|burn(ed|t|ing)|clash(ed|es)?|damag\w*|ransack\w*|smash\w*|attacked)\b"
    ),
    "property": _cue(
        r"\b(loot\w*|vandali[sz]\w*|torch\w*|set ablaze|set (on )?fire|burn(ed|t) down|"
        r"destroy\w*|demolish\w*|ransack\w*|arson|damag\w*|bulldoz\w*|razed)\b"
    ),
    "arrest": _cue(r"\b(arrest\w*|detain\w*|apprehend\w*|custody|rounded up|nabbed|held)\b"),
    "disrupt": _cue(
        r"\b(defus\w*|dismantl\w*|seized (a )?(cache|weapons|arms|explosives|ammunition)|"
        r"weapons? caches?|arms caches?|bomb disposal|recovered|seized|unearthed|found|cache|"
        r"intercept\w*|shot down|neutrali[sz]ed)\b"
    ),
    "territory_gov": _cue(
        r"\b(army|troops|government forces|security forces|military|soldiers|saa|afghan forces|"
        r"regime forces|loyalist|government|national army|police)\b"
    ),
    "territory_take": _cue(
        r"\b(fre(ed|es)|recaptur\w*|retook|retake\w*|regain\w*|liberat\w*|captur\w*|seiz\w*|took control|"
        r"taken control|overr(a|u)n|took over|fell to|control of|gain\w* control|cleared)\b"
    ),
    "transfer": _cue(
        r"\b(handed over|hand over|handover|withdr(ew|awn|aw)|pulled out|evacuated|took over|"
        r"transferred|ceded|peacefully|without (a )?fight|entered|deployed)\b"
    ),
    "base": _cue(
        r"\b(set up|established|establish\w*|built|opened)\b.{0,40}\b(base|headquarters|hq|camp|outpost|"
        r"checkpoint|office|post|observation points?|military points?|outposts?|bases)\b"
    ),
    "crime": _cue(
        r"\b(drugs?|cartel|trafficker\w*|trafficking|smuggl\w*|narcotic\w*|cocaine|heroin|gang\w*|"
        r"mafia|extortion|organi[sz]ed crime|contraband|counterfeit|cannabis|marijuana|robbers?|"
        r"meth\w*|poach\w*|illegal mining|rob(bed|bery|beries|bing)|theft|thie(f|ves)|burglar\w*|stolen|"
        r"steal\w*|ransom|pornograph\w*|fraud\w*|scam\w*|break and enter|illegal (migrants|immigrants)|"
        r"human smuggling|steroid|laundering)\b"
    ),
    "defect": _cue(
        r"\b(defect(ed|ion|ions|ors?)|join(ed)? (the )?(ranks|forces with)|formed a new|new (armed )?group|"
        r"pledged allegiance|were formed|merg(e|ed|er))\b"
    ),
    "natural": _cue(
        r"\b(earthquakes?|quakes?|floods?|flooding|cyclones?|hurricanes?|typhoons?|storms?|landslides?|"
        r"droughts?|tsunami|wildfires?|forest fires?|heat ?waves?|rains?|rainfall|covid|coronavirus|"
        r"pandemic|epidemic|outbreak|virus|disease|cholera|dengue|infected|cases|volcan\w*|"
        r"avalanche|lightning|locusts?|snow\w*|weather|monsoon|eruptions?|erupt\w*|lava|tremors?|richter)\b"
    ),
    "manmade": _cue(
        r"\b(fire broke out|blaze|caught fire|fire (at|in)|gutted|collaps\w*|accident\w*|crash\w*|"
        r"derail\w*|capsiz\w*|leak\w*|spill\w*|boiler|short circuit|stampede|sank|poison\w*|"
        r"cylinder|factory|fireworks|building collapse|gas explosion|hooch|spurious liquor|collision|"
        r"(chemical|gas|power|industrial) plant|plant exploded|warehouse|refinery|propane|ammonium nitrate|"
        r"(gas|fuel|oil|storage) tanks?|tankers?|hazard\w*|toxins?|contaminat\w*|food poisoning)\b"
    ),
    "group": _cue(
        r"\b(joined|defected|defect\w*|merg\w*|formed|announced the formation|new (group|faction)|"
        r"recruit\w*|appointed|named|elected|relocat\w*|moved (their|its)|split|dissolv\w*|renamed|"
        r"pledged allegiance|changed)\b"
    ),
    "responsibility": _cue(
        r"\b(claimed responsibility|claims? of responsibility|responsib\w*|blamed|accus\w*|"
        r"denied|attribut\w*|claimed (the|that)|admitted)\b"
    ),
}


_HANDOVER = re.compile(
    r"\b(handed over|hand(ing)? over|handover|took over|taken over|seiz\w*|captur\w*|entered|without (a )?"
    r"(fight|resistance)|deserted|allow\w* \w+ to (take|enter|seize)|in the face of|transferred|ceded)\b",
    re.I,
)
_ARMED_VICTIMS = re.compile(
    r"\b(soldiers|troops|servicemen|policemen|police officers|security (forces|personnel|force members)|militants|"
    r"fighters|rebels|insurgents|guards)\b[^.]{0,40}\b(killed|dead|died|wounded|injured)|"
    r"\b(killing|killed|wounding|wounded)\b[^.]{0,30}\b(soldiers|troops|policemen|police officers|security "
    r"(forces|personnel|force members)|militants|fighters|rebels|guards)\b",
    re.I,
)


#: Weapon cues → PLOVER ASSAULT mode, tried in order (a suicide car bombing is a suicide attack first).
WEAPON_MODES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "suicide-attack",
        _cue(r"\bsuicide (car |truck )?(bomb\w*|attack\w*|blast|vest)|\bblew (him|her|them)sel(f|ves) up"),
    ),
    (
        "explosives",
        _cue(
            r"\b(bomb(s|ing|ings)?|car bombs?|roadside bombs?|explosives?|explosive devices?|ieds?|landmines?|"
            r"land mines?|mines?|minefields?|booby[- ]trap\w*|blew up|blown up|detonat\w*|blasts?|explosions?)\b"
        ),
    ),
    ("aerial", _cue(r"\b(air ?strikes?|air ?raids?|warplanes?|fighter jets?|helicopter gunships?|bombers?)\b")),
    ("shelling", _cue(r"\b(shell(ed|ing|s)?|artillery|mortars?|rockets?|missiles?|howitzers?|tank fire)\b")),
    ("firearms", _cue(r"\b(gunm[ae]n|gunfire|shot|shooting|rifles?|machine[- ]guns?|automatic weapons|sniper\w*)\b")),
    ("primitive", _cue(r"\b(machetes?|knives|knife|axes|clubs|sticks|spears|bows and arrows|stabb\w*|hacked)\b")),
)


def assault_mode(sentence: str) -> str | None:
    """The weapon mode a sentence names for an ASSAULT whose trigger carries none ("wounded ... in a bomb attack")."""
    for mode, cue in WEAPON_MODES:
        if cue.search(sentence):
            return mode
    return None


#: "claimed responsibility", "denied his group was responsible": who did it is what the text reports.
RESPONSIBILITY_CLAIM = _cue(
    r"\b(claim\w*|den(y|ied|ies|ying)|accept\w*|admit\w*|disown\w*|rul(ed|es) out)\b[^.;]{0,50}\bresponsib\w*"
)
PEACE_PROCESS = _cue(
    r"\b(peace (talks|negotiations|process|deal|agreement)|cease-?fire|truce|evacuation deal|"
    r"(deal|agreement) to evacuate|(exchange|swap) of prisoners|prisoner (exchange|swap)s?)\b"
)
#: Words of a snippet with no coded event that still reports an agreement or a diplomatic move.
AGREEMENT_CUE = _cue(
    r"\b(cease-?fire|truce|peace (deal|agreement|accord|pact)|agreement|accord|deal|treaty|memorandum)\b"
)
DIPLOMATIC_CUE = _cue(
    r"\b(sanctions?|diplomat\w*|embass\w*|ambassadors?|(diplomatic )?ties|talks|summit|envoys?|"
    r"foreign minist\w*|state department|bilateral|condemn\w*|retaliat\w*|right to respond)\b"
)


def sexual_violence(text: str) -> bool:
    """Does the text speak of rape or sexual violence (reported, alleged or denounced)?"""
    return _has("sexual", text)


def no_event_label(text: str) -> str:
    """ACLED(-extension) sub-type for a snippet with no coded event: a disaster or crime reading, else an
    agreement or diplomatic move named without a verb we code ("severs ties", "new sanctions"), else "Other"."""
    found = disaster_label(text)
    if found:
        return found
    if _has("base", text):
        return "Headquarters or base established"
    if AGREEMENT_CUE.search(text):
        return "Agreement"
    if DIPLOMATIC_CUE.search(text):
        return "Diplomatic event"
    return "Other"


_ATTACK = _cue(r"\battack\w*")


def accident_label(text: str) -> str | None:
    """An explosion or harm with no perpetrator, at a plant, on a road, in a fire: a man-made disaster."""
    if _has("manmade", text) and not _has("armed", text) and not _has("protest", text) and not _ATTACK.search(text):
        return "Man-made disaster"
    return None


#: "forces withdrew from the crossing", "vacated the area": ground given up without a fight.
_LEAVE_GROUND = _cue(
    r"\b(withdr\w*|pull\w* out|vacat\w*|abandon\w*|evacuat\w*)\b[^.]{0,40}\b(areas?|towns?|city|villages?|"
    r"crossings?|bastions?|strongholds?|districts?|territor\w*|provinces?|positions?|bases?)\b"
)


#: Taking or burning property (ACLED "Looting/property destruction"), narrower than the "property" cue.
_PLUNDER = _cue(r"\b(loot\w*|pillag\w*|plunder\w*|ransack\w*|arson\w*|torch(ed|ing)|set (on )?fire|set ablaze)\b")


def _has(name: str, text: str) -> bool:
    return bool(_C[name].search(text))


def crime_cue(text: str) -> bool:
    """Does the text speak of organised crime (drugs, smuggling, gangs, robbery, fraud)?"""
    return _has("crime", text)


def protest_cue(text: str) -> bool:
    """Does the text speak of protesters or a protest (as actors or activity)?"""
    return _has("protest", text)


def disaster_label(text: str) -> str | None:
    """ACLED(-extension) sub-type for text that reports no PLOVER event: a disaster, organised crime,
    sexual violence, weapons found, a defection (checked in that order)."""
    if _has("natural", text) and not _has("protest", text):
        return "Natural disaster"
    if _has("manmade", text):
        return "Man-made disaster"
    if _has("sexual", text):
        return "Sexual violence"
    if _has("crime", text):
        return "Organized crime"
    if _has("weapons", text) and _has("disrupt", text):
        return "Disrupted weapons use"
    if _has("defect", text):
        return "Change to group/activity"
    if _has("chemical", text):
        return "Chemical weapon"
    if _has("protest", text):
        return _acled_sub("PROTEST", None, text, killed=None, actor_sectors=())  # riot, force, intervention or not
    return None


#: Subjects that make "killed", "destroyed", "hit" a disaster report rather than an ASSAULT.
DISASTER_NOUNS = frozenset(
    [
        "earthquake",
        "quake",
        "flood",
        "flooding",
        "storm",
        "cyclone",
        "hurricane",
        "typhoon",
        "tornado",
        "landslide",
        "mudslide",
        "tsunami",
        "avalanche",
        "eruption",
        "volcano",
        "fire",
        "blaze",
        "wildfire",
        "lightning",
        "rain",
        "rainfall",
        "drought",
        "heatwave",
        "disease",
        "virus",
        "outbreak",
        "epidemic",
        "pandemic",
        "accident",
        "crash",
        "collapse",
        "stampede",
        "cold",
        "snow",
        "wave",
        "tremor",
        "boiler",
        "leak",
        "spill",
        "cylinder",
        "vessel",
        "ship",
        "tanker",
        "train",
        "carrier",
    ]
)


def acled_code(
    etype: str,
    mode: str | None,
    sentence: str,
    *,
    killed: int | None = None,
    actor_sectors: tuple[str, ...] = (),
    target: str | None = None,
    actor_text: str | None = None,
) -> tuple[str, str] | None:
    """(ACLED event_type, sub_event_type) for a coded event, from its type, mode, sentence cues and the
    text of its target (who or what was hit), which separates an armed clash from an attack on civilians."""
    sub = _acled_sub(
        etype, mode, sentence, killed=killed, actor_sectors=actor_sectors, target=target, actor_text=actor_text
    )
    return (ACLED_EVENT_TYPE[sub], sub) if sub else None


def _acled_sub(
    etype: str,
    mode: str | None,
    s: str,
    *,
    killed: int | None,
    actor_sectors: tuple[str, ...],
    target: str | None = None,
    actor_text: str | None = None,
) -> str | None:
    m = mode or ""
    if etype == "ASSAULT":
        if m == "sexual" or _has("sexual", s):
            return "Sexual violence"
        if m == "abduct":
            return "Abduction/forced disappearance"
        if m == "unconventional" or _has("chemical", s):
            return "Chemical weapon"
        if m == "suicide-attack" or _has("suicide", s):
            return "Suicide bomb"
        if _has("grenade", s):
            return "Grenade"
        if m == "aerial" or _has("air", s):
            return "Air/drone strike"
        if m == "shelling" or _has("shelling", s):
            return "Shelling/artillery/missile attack"
        if m == "explosives" or _has("ied", s):
            return "Remote explosive/landmine/IED"
        if _has("abduct", s):
            return "Abduction/forced disappearance"
        if _has("protest", s):
            return "Excessive force against protesters" if _has("excessive", s) else "Violent demonstration"
        if m == "destroy":
            return "Looting/property destruction"
        if _has("mob", s):
            return "Mob violence"
        if _has("mob", s):
            return "Mob violence"
        if m == "clash" or _has("clash", s):
            return "Armed clash"
        if target is not None:
            # the target decides: armed forces attacked → a clash; anyone else → violence against civilians
            if _has("armed", target) and not _has("civilian", target):
                return "Armed clash"
        elif _ARMED_VICTIMS.search(s) and not _has("civilian", s):
            return "Armed clash"
        if _has("crime", s):
            return "Organized crime"
        if not killed and _PLUNDER.search(s):
            # ACLED: looting or burning property with no one reported killed is property destruction
            return "Looting/property destruction"
        return "Attack"
    if etype == "PROTEST":
        if m == "riot" or _has("violent", s):
            if _has("excessive", s):
                return "Excessive force against protesters"
            return "Violent demonstration"
        if _has("excessive", s):
            return "Excessive force against protesters"
        if _has("intervention", s):
            return "Protest with intervention"
        return "Peaceful protest"
    if etype == "COERCE":
        if m == "disrupt":
            return "Disrupted weapons use"
        if m == "crowd-control":
            return "Excessive force against protesters" if _has("excessive", s) else "Protest with intervention"
        if m == "seize" and _has("weapons", s) and not _has("territory_take", s.replace("seiz", "")):
            return "Disrupted weapons use"
        if m in ("seize", "arrest") and _has("crime", s):
            return "Organized crime"
        if m == "seize" and _has("territory_take", s):
            side = actor_text if actor_text else s
            return (
                "Government regains territory" if _has("territory_gov", side) else "Non-state actor overtakes territory"
            )
        if m in ("crowd-control",) and _has("protest", s):
            return "Protest with intervention"
        if m == "disrupt" or (m == "seize" and _has("disrupt", s)):
            return "Disrupted weapons use"
        if m == "arrest" or _has("arrest", s):
            if _has("crime", s):
                return "Organized crime"
            if _has("protest", s):
                return "Excessive force against protesters" if _has("excessive", s) else "Protest with intervention"
            return "Arrests"
        if _has("property", s):
            return "Looting/property destruction"
        return "Other"
    if etype == "MOBILIZE":
        if m == "base" or _has("base", s):
            return "Headquarters or base established"
        return "Change to group/activity"
    if etype == "RETREAT":
        if m in ("surrender",) or (m == "release" and re.search(r"\b(exchang\w*|swap\w*)", s, re.I)):
            return "Agreement"
        if m == "return" or (m == "withdraw" and (_HANDOVER.search(s) or _LEAVE_GROUND.search(s))):
            return "Non-violent transfer of territory"
        if m == "withdraw":
            return "Change to group/activity"
        if m == "resign":
            return "Change to group/activity"
        return "Other"
    if etype == "AGREE":
        return "Agreement"
    if etype in ("CONSULT", "AID") and PEACE_PROCESS.search(s):
        return "Agreement"  # ACLED's Agreement covers peace talks, evacuation deals and prisoner exchanges
    if etype == "ACCUSE":
        # a condemnation is a diplomatic act; an accusation names who is responsible for something
        return "Diplomatic event" if m == "disapprove" else "Attribution of responsibility"
    if etype == "SUPPORT":
        return None
    return "Diplomatic event"
