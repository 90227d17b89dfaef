"""Tables and public figures the demo generator is shaped on (see docs/demo-data.md).

Everything here is for *shaping* synthetic data only. The country flags mirror the shipped
reference data (M49 developing status, UN LDC list with graduation dates, ITU/BDT region) so that
indicators computed on the demo data land near the figures below; the engagement weights and
languages are the generator's own guesses, not published statistics.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Public figures (FACTS.md) the generator aims at.
WOMEN_SHARE = 0.31  # of newcomers in 2021; ~28 % of all (PP-18 28 %, WTSA-20 30 %, WTSA-24 27 %)
WOMEN_SHARE_TREND = 0.003  # a slow rise per year
GENDER_X_SHARE = 0.01
GENDER_UNKNOWN_SHARE = 0.04
BIRTH_YEAR_UNKNOWN_SHARE = 0.08
DEVELOPING_CHAIR_SHARE = 0.39  # ITU annual report 2017
DEVELOPING_VICE_CHAIR_SHARE = 0.67  # ITU annual report 2017
WOMEN_LEADERSHIP_WEIGHT = 0.7  # women are picked for a post at 0.7 the odds of men
FIRST_TIMER_RETENTION = 0.30  # share of first-timers who come back the next year
REGULAR_RETENTION = 0.80  # share of returning participants who come back again
CONTRIBUTION_DEADLINE_DAYS = 12  # contributions are due 12 days before the meeting
MAX_FELLOWSHIPS_PER_PERSON_YEAR = 2  # one full or two partial per person and financial year

#: (code, first day, last day of office or None while current) of the study periods.
STUDY_PERIODS: tuple[tuple[str, date, date | None], ...] = (
    ("T17", date(2016, 11, 3), date(2022, 3, 8)),  # WTSA-16 Hammamet to WTSA-20 Geneva
    ("T22", date(2022, 3, 9), date(2024, 10, 23)),  # WTSA-20 to WTSA-24 New Delhi
    ("T25", date(2024, 10, 24), None),
)
COVID_START = date(2020, 3, 1)  # meetings from here to the end of 2021 are virtual
HYBRID_FROM = date(2022, 1, 1)


def period_of(day: date) -> str:
    for code, _, last in STUDY_PERIODS:
        if last is None or day <= last:
            return code
    raise AssertionError("unreachable")


#: Participants active in a year, relative to the first year (virtual years drew more).
YEAR_FACTOR = {
    2017: 1.0,
    2018: 1.03,
    2019: 1.05,
    2020: 1.12,
    2021: 1.2,
    2022: 1.12,
    2023: 1.08,
    2024: 1.1,
    2025: 1.07,
    2026: 1.05,
}
#: Chance that a participant in a hybrid meeting of that year joins remotely. Before March
#: 2020 ITU-T meetings offered remote participation (PP-10 Resolution 167 on electronic
#: meetings, WTSA Resolution 32 on electronic working methods) that a minority used.
HYBRID_REMOTE = {
    2017: 0.06,
    2018: 0.07,
    2019: 0.08,
    2020: 0.09,
    2022: 0.46,
    2023: 0.41,
    2024: 0.38,
    2025: 0.36,
    2026: 0.35,
}
#: Before March 2020: the share of rapporteur meetings held as e-meetings (everyone remote),
#: and of regional-group meetings that offered remote participation.
PRE_COVID_E_MEETINGS = 0.3
PRE_COVID_REGIONAL_REMOTE = 0.4


@dataclass(frozen=True)
class GroupSpec:
    code: str
    working_parties: int
    questions: int
    sessions: float  # group meetings a year (plenary + its working parties)
    rapporteur: float  # rapporteur / e-meetings a year
    popularity: float  # share of participants whose main group it is
    developing_affinity: float  # multiplier for Member-State delegates of developing countries
    contributions: float  # contributions per group meeting
    first_year: int = 0
    last_year: int = 9999
    long_meeting: bool = False


GROUPS: tuple[GroupSpec, ...] = (
    GroupSpec("TSAG", 2, 6, 1.5, 3, 3, 1.2, 45),
    GroupSpec("SG2", 2, 7, 1.5, 2, 4, 2.5, 25),
    GroupSpec("SG3", 3, 12, 1.2, 2, 5, 3.5, 35),
    GroupSpec("SG5", 3, 12, 2, 5, 8, 1.5, 60),
    GroupSpec("SG9", 2, 10, 1.5, 3, 4, 0.7, 30, last_year=2024),
    GroupSpec("SG11", 4, 16, 2, 6, 7, 1.3, 55),
    GroupSpec("SG12", 3, 19, 2, 6, 6, 2.0, 50),
    GroupSpec("SG13", 3, 22, 2, 12, 14, 1.0, 130, long_meeting=True),
    GroupSpec("SG15", 3, 18, 2, 20, 12, 0.4, 150, long_meeting=True),
    GroupSpec("SG16", 3, 13, 2, 10, 9, 0.6, 90, last_year=2024, long_meeting=True),
    GroupSpec("SG17", 4, 14, 2, 8, 12, 1.2, 110, long_meeting=True),
    GroupSpec("SG20", 2, 7, 2, 5, 8, 1.8, 70),
    GroupSpec("SG21", 3, 14, 2, 12, 13, 0.6, 110, first_year=2025, long_meeting=True),
)
#: Study groups whose work went to another after a WTSA (SG21 merged SG9 and SG16 at WTSA-24).
SUCCESSOR = {"SG9": "SG21", "SG16": "SG21"}

#: 23 regional groups as in 2017: Africa 8, Americas 4, Arab States 5, Asia-Pacific 2,
#: Eastern Europe/Central Asia/Transcaucasia 3, Europe/Mediterranean 1.
REGIONAL_GROUPS: tuple[str, ...] = (
    "SG2RG-AFR", "SG3RG-AFR", "SG5RG-AFR", "SG11RG-AFR", "SG12RG-AFR", "SG13RG-AFR",
    "SG17RG-AFR", "SG20RG-AFR",
    "SG3RG-LATAM", "SG5RG-LATAM", "SG12RG-LATAM", "SG13RG-LATAM",
    "SG3RG-ARB", "SG5RG-ARB", "SG12RG-ARB", "SG13RG-ARB", "SG20RG-ARB",
    "SG3RG-AO", "SG20RG-AO",
    "SG3RG-EECAT", "SG5RG-EECAT", "SG11RG-EECAT",
    "SG3RG-EURM",
)  # fmt: skip
#: The country regions (below) whose delegates a regional group's suffix draws.
RG_REGIONS = {"AFR": ("AFR",), "LATAM": ("AMS",), "ARB": ("ARB",), "AO": ("ASP",),
              "EECAT": ("CIS",), "EURM": ("EUR",)}  # fmt: skip
RG_MEETINGS_PER_YEAR = 1.0
RG_CONTRIBUTIONS = 6.0

REGION_NAMES = {"AFR": "Africa", "AMS": "Americas", "ARB": "Arab States", "ASP": "Asia-Pacific",
                "CIS": "CIS", "EUR": "Europe"}  # fmt: skip


@dataclass(frozen=True)
class Country:
    alpha3: str
    region: str  # AFR AMS ARB ASP CIS EUR (ITU/BDT regions)
    developing_until: date | None  # None: developing throughout; date.min: developed
    ldc_until: date | None  # None: not an LDC in 2017-2026; date.max: LDC throughout
    weight: int  # 0-9: how engaged in ITU-T work (the generator's own guess)
    language: str  # an ITU language other than English its delegates may ask for, or ""
    low_income: bool  # a non-LDC developing country eligible for fellowships
    name: str

    def developing(self, day: date) -> bool:
        return self.developing_until is None or day < self.developing_until

    def ldc(self, day: date) -> bool:
        return self.ldc_until is not None and day < self.ldc_until


# a3, region, developing (d) / developed (D) / developing until, LDC (L) / LDC until / -,
# engagement weight, language, low-income fellowship-eligible (y), name (as ITU writes it)
_COUNTRY_TABLE = """
AFG ASP d            L            2 -  - Afghanistan
AGO AFR d            L            2 -  - Angola
ALB EUR D            -            1 -  - Albania
AND EUR D            -            0 -  - Andorra
ARE ARB d            -            5 ar - United Arab Emirates
ARG AMS d            -            4 es - Argentina
ARM CIS d            -            1 ru - Armenia
ATG AMS d            -            1 -  - Antigua and Barbuda
AUS ASP D            -            5 -  - Australia
AUT EUR D            -            4 -  - Austria
AZE CIS d            -            3 ru - Azerbaijan
BDI AFR d            L            2 fr - Burundi
BEL EUR D            -            4 -  - Belgium
BEN AFR d            L            3 fr - Benin
BFA AFR d            L            3 fr - Burkina Faso
BGD ASP d            L:2026-11-24 3 -  - Bangladesh
BGR EUR D            -            2 -  - Bulgaria
BHR ARB d            -            3 ar - Bahrain
BHS AMS d            -            1 -  - Bahamas
BIH EUR D            -            1 -  - Bosnia and Herzegovina
BLR CIS D            -            3 ru - Belarus
BLZ AMS d            -            1 -  - Belize
BOL AMS d            -            2 es y Bolivia (Plurinational State of)
BRA AMS d            -            5 -  - Brazil
BRB AMS d            -            1 -  - Barbados
BRN ASP d            -            1 -  - Brunei Darussalam
BTN ASP d            L:2023-12-13 1 -  - Bhutan
BWA AFR d            -            3 -  - Botswana
CAF AFR d            L            1 fr - Central African Rep.
CAN AMS D            -            6 -  - Canada
CHE EUR D            -            5 -  - Switzerland
CHL AMS d            -            3 es - Chile
CHN ASP d            -            9 zh - China
CIV AFR d            -            3 fr y Côte d'Ivoire
CMR AFR d            -            3 fr y Cameroon
COD AFR d            L            3 fr - Congo (Dem. Rep. of the)
COG AFR d            -            2 fr y Congo (Rep. of the)
COL AMS d            -            3 es - Colombia
COM ARB d            L            1 ar - Comoros
CPV AFR d            -            1 -  y Cabo Verde
CRI AMS d            -            2 es - Costa Rica
CUB AMS d            -            3 es - Cuba
CYP EUR D            -            1 -  - Cyprus
CZE EUR D            -            3 -  - Czech Republic
DEU EUR D            -            7 -  - Germany
DJI ARB d            L            1 ar - Djibouti
DMA AMS d            -            0 -  - Dominica
DNK EUR D            -            4 -  - Denmark
DOM AMS d            -            2 es - Dominican Rep.
DZA ARB d            -            3 ar y Algeria
ECU AMS d            -            3 es - Ecuador
EGY ARB d            -            5 ar - Egypt
ERI AFR d            L            1 -  - Eritrea
ESP EUR D            -            5 -  - Spain
EST EUR D            -            1 -  - Estonia
ETH AFR d            L            3 -  - Ethiopia
FIN EUR D            -            5 -  - Finland
FJI ASP d            -            2 -  - Fiji
FRA EUR D            -            7 -  - France
FSM ASP d            -            0 -  y Micronesia
GAB AFR d            -            2 fr - Gabon
GBR EUR D            -            7 -  - United Kingdom
GEO EUR d            -            3 -  - Georgia
GHA AFR d            -            3 -  y Ghana
GIN AFR d            L            2 fr - Guinea
GMB AFR d            L            1 -  - Gambia
GNB AFR d            L            1 -  - Guinea-Bissau
GNQ AFR d            L:2017-06-04 1 es - Equatorial Guinea
GRC EUR D            -            3 -  - Greece
GRD AMS d            -            1 -  - Grenada
GTM AMS d            -            2 es - Guatemala
GUY AMS d            -            1 -  - Guyana
HND AMS d            -            2 es y Honduras
HRV EUR D            -            1 -  - Croatia
HTI AMS d            L            2 fr - Haiti
HUN EUR D            -            3 -  - Hungary
IDN ASP d            -            4 -  - Indonesia
IND ASP d            -            6 -  - India
IRL EUR D            -            4 -  - Ireland
IRN ASP d            -            4 -  - Iran (Islamic Republic of)
IRQ ARB d            -            3 ar - Iraq
ISL EUR D            -            1 -  - Iceland
ISR EUR D            -            5 -  - Israel
ITA EUR D            -            6 -  - Italy
JAM AMS d            -            2 -  - Jamaica
JOR ARB d            -            3 ar y Jordan
JPN ASP D            -            8 -  - Japan
KAZ CIS d            -            3 ru - Kazakhstan
KEN AFR d            -            4 -  y Kenya
KGZ CIS d            -            2 ru y Kyrgyzstan
KHM ASP d            L            2 -  - Cambodia
KIR ASP d            L            0 -  - Kiribati
KNA AMS d            -            0 -  - Saint Kitts and Nevis
KOR ASP d:2022-05-01 -            8 -  - Korea (Rep. of)
KWT ARB d            -            3 ar - Kuwait
LAO ASP d            L:2026-11-24 2 -  - Lao P.D.R.
LBN ARB d            -            3 ar y Lebanon
LBR AFR d            L            1 -  - Liberia
LBY ARB d            -            2 ar - Libya
LCA AMS d            -            1 -  - Saint Lucia
LIE EUR D            -            0 -  - Liechtenstein
LKA ASP d            -            3 -  y Sri Lanka
LSO AFR d            L            1 -  - Lesotho
LTU EUR D            -            1 -  - Lithuania
LUX EUR D            -            3 -  - Luxembourg
LVA EUR D            -            1 -  - Latvia
MAR ARB d            -            4 ar - Morocco
MCO EUR D            -            0 -  - Monaco
MDA EUR D            -            1 -  - Moldova (Republic of)
MDG AFR d            L            2 fr - Madagascar
MDV ASP d            -            1 -  - Maldives
MEX AMS d            -            4 es - Mexico
MHL ASP d            -            0 -  - Marshall Islands
MKD EUR D            -            1 -  - North Macedonia
MLI AFR d            L            2 fr - Mali
MLT EUR D            -            1 -  - Malta
MMR ASP d            L            2 -  - Myanmar
MNE EUR D            -            1 -  - Montenegro
MNG ASP d            -            2 -  y Mongolia
MOZ AFR d            L            2 -  - Mozambique
MRT ARB d            L            2 ar - Mauritania
MUS AFR d            -            3 -  - Mauritius
MWI AFR d            L            2 -  - Malawi
MYS ASP d            -            4 -  - Malaysia
NAM AFR d            -            2 -  - Namibia
NER AFR d            L            2 fr - Niger
NGA AFR d            -            4 -  y Nigeria
NIC AMS d            -            2 es y Nicaragua
NLD EUR D            -            5 -  - Netherlands (Kingdom of the)
NOR EUR D            -            4 -  - Norway
NPL ASP d            L:2026-11-24 3 -  - Nepal
NRU ASP d            -            0 -  - Nauru
NZL ASP D            -            3 -  - New Zealand
OMN ARB d            -            3 ar - Oman
PAK ASP d            -            4 -  y Pakistan
PAN AMS d            -            2 es - Panama
PER AMS d            -            3 es - Peru
PHL ASP d            -            3 -  - Philippines
PLW ASP d            -            0 -  - Palau
PNG ASP d            -            2 -  y Papua New Guinea
POL EUR D            -            4 -  - Poland
PRK ASP d            -            0 -  y Dem. People's Rep. of Korea
PRT EUR D            -            3 -  - Portugal
PRY AMS d            -            2 es - Paraguay
QAT ARB d            -            3 ar - Qatar
ROU EUR D            -            3 -  - Romania
RUS CIS D            -            6 ru - Russian Federation
RWA AFR d            L            3 fr - Rwanda
SAU ARB d            -            5 ar - Saudi Arabia
SDN ARB d            L            3 ar - Sudan
SEN AFR d            L            3 fr - Senegal
SGP ASP d            -            4 -  - Singapore
SLB ASP d            L:2027-12-13 1 -  - Solomon Islands
SLE AFR d            L            2 -  - Sierra Leone
SLV AMS d            -            2 es - El Salvador
SMR EUR D            -            0 -  - San Marino
SOM ARB d            L            1 ar - Somalia
SRB EUR D            -            2 -  - Serbia
SSD AFR d            L            1 -  - South Sudan
STP AFR d            L:2024-12-13 1 -  - Sao Tome and Principe
SUR AMS d            -            1 -  - Suriname
SVK EUR D            -            1 -  - Slovakia
SVN EUR D            -            1 -  - Slovenia
SWE EUR D            -            5 -  - Sweden
SWZ AFR d            -            1 -  y Eswatini
SYC AFR d            -            1 -  - Seychelles
SYR ARB d            -            3 ar y Syrian Arab Republic
TCD AFR d            L            2 fr - Chad
TGO AFR d            L            2 fr - Togo
THA ASP d            -            4 -  - Thailand
TJK CIS d            -            2 ru y Tajikistan
TKM CIS d            -            1 ru - Turkmenistan
TLS ASP d            L            1 -  - Timor-Leste
TON ASP d            -            1 -  - Tonga
TTO AMS d            -            1 -  - Trinidad and Tobago
TUN ARB d            -            4 ar - Tunisia
TUR EUR d            -            4 -  - Türkiye
TUV ASP d            L            0 -  - Tuvalu
TZA AFR d            L            3 -  - Tanzania
UGA AFR d            L            3 -  - Uganda
UKR EUR D            -            3 -  - Ukraine
URY AMS d            -            2 es - Uruguay
USA AMS D            -            9 -  - United States
UZB CIS d            -            3 ru y Uzbekistan
VAT EUR D            -            0 -  - Vatican
VCT AMS d            -            1 -  - Saint Vincent and the Grenadines
VEN AMS d            -            2 es - Venezuela
VNM ASP d            -            4 -  - Viet Nam
VUT ASP d            L:2020-12-04 1 -  - Vanuatu
WSM ASP d            -            1 -  y Samoa
YEM ARB d            L            3 ar - Yemen
ZAF AFR d            -            4 -  - South Africa
ZMB AFR d            L            3 -  - Zambia
ZWE AFR d            -            3 -  y Zimbabwe
"""


def _parse_date(text: str) -> date:
    return date.fromisoformat(text)


def _parse(table: str) -> tuple[Country, ...]:
    out: list[Country] = []
    for line in table.strip().splitlines():
        a3, region, status, ldc, weight, language, low, name = line.split(None, 7)
        developing_until = (
            date.min if status == "D" else None if status == "d" else _parse_date(status[2:])
        )
        ldc_until = None if ldc == "-" else date.max if ldc == "L" else _parse_date(ldc[2:])
        out.append(
            Country(
                a3,
                region,
                developing_until,
                ldc_until,
                int(weight),
                "" if language == "-" else language,
                low == "y",
                name,
            )
        )
    return tuple(out)


COUNTRIES: tuple[Country, ...] = _parse(_COUNTRY_TABLE)
COUNTRY_BY_CODE = {c.alpha3: c for c in COUNTRIES}
PALAU_JOINED = date(2024, 9, 19)  # Palau became the 194th Member State

#: Where meetings outside Geneva are held (one city per host country).
CITIES = {
    "CHE": "Geneva", "KEN": "Nairobi", "NGA": "Abuja", "SEN": "Dakar", "BEN": "Cotonou",
    "RWA": "Kigali", "TZA": "Dar es Salaam", "UGA": "Kampala", "ZAF": "Johannesburg",
    "GHA": "Accra", "CIV": "Abidjan", "ZWE": "Harare", "CMR": "Yaounde", "BWA": "Gaborone",
    "MUS": "Port Louis", "ETH": "Addis Ababa", "TUN": "Tunis", "EGY": "Cairo", "ARE": "Dubai",
    "SAU": "Riyadh", "OMN": "Muscat", "JOR": "Amman", "QAT": "Doha", "MAR": "Rabat",
    "BHR": "Manama", "KWT": "Kuwait City", "DZA": "Algiers", "SDN": "Khartoum",
    "THA": "Bangkok", "IND": "New Delhi", "IDN": "Jakarta", "MYS": "Kuala Lumpur",
    "VNM": "Hanoi", "BGD": "Dhaka", "NPL": "Kathmandu", "PHL": "Manila", "LKA": "Colombo",
    "CHN": "Shenzhen", "KOR": "Seoul", "JPN": "Tokyo", "BRA": "Brasilia",
    "ARG": "Buenos Aires", "MEX": "Mexico City", "COL": "Bogota", "PER": "Lima",
    "CHL": "Santiago", "CRI": "San Jose", "PAN": "Panama City", "PRY": "Asuncion",
    "URY": "Montevideo", "ECU": "Quito", "RUS": "Moscow", "KAZ": "Astana", "UZB": "Tashkent",
    "KGZ": "Bishkek", "AZE": "Baku", "ARM": "Yerevan", "BLR": "Minsk", "GEO": "Tbilisi",
    "MDA": "Chisinau", "ITA": "Rome", "TUR": "Istanbul", "MLT": "Valletta", "CYP": "Nicosia",
    "ESP": "Madrid", "GRC": "Athens", "PRT": "Lisbon", "USA": "San Diego", "DEU": "Berlin",
    "FRA": "Paris", "GBR": "London", "CAN": "Ottawa", "FIN": "Helsinki", "SWE": "Stockholm",
    "ISR": "Tel Aviv", "AUS": "Sydney",
}  # fmt: skip
GENEVA_SHARE = 0.85  # of study-group and TSAG meetings (rapporteur meetings: 0.4)

# Word lists for synthetic organisation names and contribution titles.
ORG_FIRST = (
    "Acacia", "Aldebaran", "Altair", "Amber", "Arcadia", "Aurora", "Basalt", "Beacon", "Boreal",
    "Cedar", "Cobalt", "Condor", "Corvus", "Delta", "Ember", "Falcon", "Fjord", "Granite",
    "Harbor", "Helix", "Horizon", "Indigo", "Iris", "Juniper", "Kestrel", "Lumen", "Meridian",
    "Monsoon", "Nimbus", "Nova", "Obsidian", "Orion", "Pampas", "Quartz", "Sahel", "Savanna",
    "Sierra", "Solstice", "Summit", "Tamarind", "Tundra", "Vega", "Vertex", "Willow", "Zenith",
    "Zephyr", "Baobab", "Lagoon",
)  # fmt: skip
ORG_SECOND = (
    "Networks", "Telecom", "Systems", "Labs", "Communications", "Technologies", "Digital",
    "Broadband", "Mobile", "Satellite", "Photonics", "Semiconductor", "Cloud", "Media",
    "Wireless", "Fibre", "Data", "Security", "Electronics", "Connect", "Infocomm", "Microwave",
    "Optics", "Software",
)  # fmt: skip
ORG_THIRD = ("", " Group", " International", " Holdings", " Solutions")
PLACE_SYLLABLES = ("ba", "ka", "lo", "ma", "ne", "ri", "sa", "to", "vi", "zu", "del", "mon",
                   "tar", "ven", "kor", "lin", "sel", "dor")  # fmt: skip
ACADEMIA_KINDS = ("University of {}", "{} Institute of Technology", "{} Polytechnic",
                  "{} University", "Higher School of Telecommunications of {}")  # fmt: skip
TOPICS = (
    "optical transport networks", "IMT-2020 network management", "quantum key distribution",
    "digital financial services security", "smart sustainable cities", "IoT identifiers",
    "AI for network automation", "numbering resources misuse", "e-waste and circular economy",
    "quality of service of mobile money", "video coding", "accessibility of ICT services",
    "cable television over IP", "electromagnetic field exposure", "SS7 signalling security",
    "satellite and terrestrial network convergence", "energy efficiency of data centres",
    "international mobile roaming charges", "digital identity", "counterfeit ICT devices",
    "metaverse interoperability", "lightning protection", "fibre-to-the-home deployment",
    "intelligent transport systems", "cloud computing interoperability", "DNS security",
)  # fmt: skip
TITLE_FORMS = (
    "Proposal for a new work item on {}", "Proposed modifications to the draft text on {}",
    "Comments on the draft Recommendation on {}", "Test results on {}",
    "Proposed terms and definitions for {}", "Use cases and requirements for {}",
    "Update of the work programme on {}", "Liaison-related proposal on {}",
)  # fmt: skip
