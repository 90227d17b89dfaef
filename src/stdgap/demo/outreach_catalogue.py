"""The words of the demo's CxO meetings and events: themes with their agenda items and the
conclusions a meeting on them may reach (each with the study group and Question that would study
it and the ITU-T Recommendation that would address it), host cities, names.

The Recommendations named exist (their numbers and titles are ITU-T's); which conclusion "led"
to them is invented. The study groups follow WTSA-24: from 2025 the work of SG16 is in SG21.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Conclusion:
    topic: str
    text: str
    study_group: str  # until WTSA-24
    question: str
    reference: str  # the Recommendation that addresses it (TSAG-…: a TSAG document)
    title: str

    @property
    def link_kind(self) -> str:
        return "tsag" if self.reference.startswith("TSAG") else "recommendation"

    @property
    def url(self) -> str:
        if self.link_kind == "tsag":
            return f"https://www.example.org/tsag/{self.reference.lower()}"
        return f"https://www.itu.int/rec/T-REC-{self.reference}"

    def group_in(self, year: int) -> tuple[str, str]:
        """The study group and Question that study it in ``year`` (SG16 became SG21)."""
        if year >= 2025 and self.study_group == "SG16":
            return "SG21", self.question.replace("/16", "/21")
        return self.study_group, self.question


@dataclass(frozen=True)
class Theme:
    key: str  # the theme as the meeting records it
    title: str
    agenda: tuple[tuple[str, str, str | None], ...]  # title, strategic objective, TSAG work item
    conclusions: tuple[Conclusion, ...]


THEMES: tuple[Theme, ...] = (
    Theme(
        "artificial intelligence",
        "AI-native networks and services",
        (
            ("Machine learning in future networks: what industry needs", "T.1", None),
            ("Trustworthy AI and data sharing", "T.3", "TSAG: AI standardization roadmap"),
        ),
        (
            Conclusion(
                "Interoperable machine learning pipelines in networks",
                "The CxOs asked ITU-T to give priority to a common architecture for machine "
                "learning in networks, so that models trained by one vendor run in another's.",
                "SG13", "Q20/13", "Y.3172",
                "Architectural framework for machine learning in future networks including "
                "IMT-2020",
            ),
            Conclusion(
                "AI skills for standardization experts of developing countries",
                "Training on AI standards should reach experts of developing countries before "
                "the work is mature, not after.",
                "SG13", "Q1/13", "Y.3173",
                "Framework for evaluating intelligence levels of future networks including "
                "IMT-2020",
            ),
        ),
    ),
    Theme(
        "health",
        "Digital health at scale",
        (
            ("Interoperability of personal health devices", "T.1", None),
            ("Digital health in low-resource settings", "T.4", None),
        ),
        (
            Conclusion(
                "Interoperability of personal health devices",
                "Devices and gateways should follow one end-to-end interoperability design; "
                "ITU-T should keep its guidelines aligned with the health industry's.",
                "SG16", "Q28/16", "H.810",
                "Personal health system interoperability design guidelines",
            ),
            Conclusion(
                "Quality of service for telemedicine",
                "Remote consultations need quality targets that operators of developing "
                "countries can measure and meet.",
                "SG12", "Q13/12", "G.1010", "End-user multimedia QoS categories",
            ),
        ),
    ),
    Theme(
        "transport",
        "Connected and automated mobility",
        (
            ("Security of connected vehicles", "T.1", None),
            ("Vehicle-to-everything communication and the road authorities", "T.3", None),
        ),
        (
            Conclusion(
                "Security of connected vehicles",
                "Over-the-air updates and in-vehicle networks need security requirements that "
                "manufacturers and operators share.",
                "SG17", "Q13/17", "X.1371", "Security threats to connected vehicles",
            ),
            Conclusion(
                "Vehicular multimedia for intelligent transport",
                "In-vehicle multimedia and communication interfaces should converge on common "
                "standards.",
                "SG16", "Q27/16", "F.749.1",
                "Functional requirements for vehicle gateways",
            ),
        ),
    ),
    Theme(
        "quantum",
        "Preparing networks for the quantum era",
        (
            ("Quantum key distribution networks in operation", "T.1", None),
            ("Migration to quantum-safe cryptography", "T.1", "TSAG: quantum coordination"),
        ),
        (
            Conclusion(
                "Quantum key distribution network interoperability",
                "Operators asked for interoperable key management between QKD networks of "
                "different vendors.",
                "SG13", "Q16/13", "Y.3800",
                "Overview on networks supporting quantum key distribution",
            ),
            Conclusion(
                "Security of quantum key distribution networks",
                "A security framework for QKD networks is needed before large deployments.",
                "SG17", "Q15/17", "X.1710",
                "Security framework for quantum key distribution networks",
            ),
        ),
    ),
    Theme(
        "sustainability",
        "Net zero and the circular economy of ICT",
        (
            ("Greenhouse gas trajectories of the ICT sector", "T.1", None),
            ("E-waste in developing countries", "T.4", None),
        ),
        (
            Conclusion(
                "Greenhouse gas trajectories of the ICT sector",
                "The sector should report its emissions against one science-based trajectory.",
                "SG5", "Q9/5", "L.1470",
                "Greenhouse gas emissions trajectories for the information and communication "
                "technology sector compatible with the UNFCCC Paris Agreement",
            ),
            Conclusion(
                "E-waste reduction targets",
                "Manufacturers and operators should share one method to set and follow e-waste "
                "reduction targets.",
                "SG5", "Q7/5", "L.1031",
                "Guideline for the implementation of the e-waste reduction target",
            ),
        ),
    ),
    Theme(
        "education",
        "Standards education and skills",
        (
            ("Standardization in university curricula", "T.2", None),
            ("E-learning on ITU-T Recommendations", "T.4", "TSAG: capacity building"),
        ),
        (
            Conclusion(
                "Standardization education with academia",
                "Universities of every region should be able to teach standardization with "
                "ITU-T material.",
                "TSAG", "RG-StdsStrat", "TSAG-R-EDU",
                "Report of TSAG on standardization education",
            ),
        ),
    ),
    Theme(
        "smart cities",
        "Smart sustainable cities and communities",
        (
            ("Key performance indicators of smart cities", "T.1", None),
            ("City platforms and data interoperability", "T.3", None),
        ),
        (
            Conclusion(
                "Key performance indicators of smart sustainable cities",
                "Cities asked for one set of indicators to measure progress towards the SDGs.",
                "SG20", "Q7/20", "Y.4903",
                "Key performance indicators for smart sustainable cities to assess the "
                "achievement of sustainable development goals",
            ),
            Conclusion(
                "Interoperability of IoT city platforms",
                "City platforms should exchange data through open interfaces.",
                "SG20", "Q2/20", "Y.4200",
                "Requirements for the interoperability of smart city platforms",
            ),
        ),
    ),
    Theme(
        "security",
        "Trust in digital infrastructure",
        (
            ("Digital identity and trust", "T.1", None),
            ("Signalling security of mobile networks", "T.1", None),
        ),
        (
            Conclusion(
                "Trust in digital identity",
                "Identity management terms and assurance levels should be common across "
                "sectors.",
                "SG17", "Q10/17", "X.1252", "Baseline identity management terms and definitions",
            ),
            Conclusion(
                "Signalling security of mobile networks",
                "Fraud through SS7 and Diameter signalling needs countermeasures operators of "
                "every size can apply.",
                "SG11", "Q11/11", "Q.3057",
                "Signalling requirements and architecture for interconnection between trustable "
                "network entities",
            ),
        ),
    ),
    Theme(
        "digital finance",
        "Digital financial services for inclusion",
        (
            ("Security of mobile money", "T.1", None),
            ("Quality of service of digital financial services", "T.4", None),
        ),
        (
            Conclusion(
                "Quality of service of digital financial services",
                "Regulators of developing countries asked for measurable quality of service of "
                "mobile money.",
                "SG12", "Q12/12", "G.1033",
                "Quality of service and quality of experience aspects of digital financial "
                "services",
            ),
        ),
    ),
    Theme(
        "future networks",
        "Towards IMT-2030 and beyond",
        (
            ("Network requirements of IMT-2030", "T.1", None),
            ("Satellite and terrestrial network convergence", "T.3", None),
        ),
        (
            Conclusion(
                "Satellite and terrestrial network convergence",
                "Non-terrestrial networks should be part of the network architecture from the "
                "start.",
                "SG13", "Q23/13", "Y.3207",
                "Fixed, mobile and satellite convergence - Requirements for IMT-2020 networks "
                "and beyond",
            ),
            Conclusion(
                "Network slicing for vertical industries",
                "Vertical industries need slices with guaranteed service levels and common "
                "management.",
                "SG13", "Q21/13", "Y.3153",
                "Network slice orchestration and management for providing network services to "
                "3rd party in the IMT-2020 network",
            ),
        ),
    ),
)  # fmt: skip

#: A second meeting a year at a major ITU event, where one was held (the history of the CTO
#: meetings: alongside ITU Telecom World, WTSA or a Plenipotentiary Conference); else None.
MAJOR_EVENTS: dict[int, tuple[str, str, str, str]] = {
    # year: (occasion, city, host country, month-day of the meeting)
    2017: ("ITU Telecom World 2017", "Busan", "KOR", "09-24"),
    2018: ("ITU Telecom World 2018", "Durban", "ZAF", "09-09"),
    2019: ("ITU Telecom World 2019", "Budapest", "HUN", "09-08"),
    2020: ("ITU Virtual Digital World 2020", "", "", "10-19"),
    2021: ("ITU Digital World 2021", "", "", "10-11"),
    2022: ("the Plenipotentiary Conference PP-22", "Bucharest", "ROU", "09-25"),
    2023: ("an ITU regional standardization forum", "Buenos Aires", "ARG", "10-02"),
    2024: ("WTSA-24", "New Delhi", "IND", "10-14"),
    2025: ("WTDC-25", "Baku", "AZE", "11-16"),
    2026: ("the Plenipotentiary Conference PP-26", "Doha", "QAT", "11-08"),
}
#: Cities of a year's second meeting when no major event is listed (in turn).
HOST_CITIES: tuple[tuple[str, str], ...] = (
    ("Bangkok", "THA"),
    ("Johannesburg", "ZAF"),
    ("Dubai", "ARE"),
    ("Buenos Aires", "ARG"),
    ("Busan", "KOR"),
    ("New Delhi", "IND"),
)
#: Invented names of the executives (given, family), from many regions.
GIVEN = (
    "Amina", "Chen", "Daniel", "Fatima", "Hiroshi", "Ingrid", "Jorge", "Kwame", "Lakshmi",
    "Maria", "Nadia", "Olga", "Pedro", "Rania", "Sipho", "Tanvir", "Ulla", "Wei", "Yusuf", "Zanele",
    "Aisha", "Bruno", "Carmen", "Dmitri", "Elif", "Farid", "Grace", "Hana", "Ivan", "Joon",
)  # fmt: skip
FAMILY = (
    "Abebe", "Banerjee", "Castillo", "Dlamini", "Eriksen", "Fujita", "Gonzalez", "Haddad",
    "Ivanova", "Jensen", "Kamau", "Li", "Mensah", "Nakamura", "Okafor", "Park", "Qureshi",
    "Rossi", "Santos", "Tanaka", "Usman", "Vargas", "Wang", "Xu", "Yilmaz", "Zhou", "Alvarez",
    "Benali", "Chowdhury", "Diallo",
)  # fmt: skip
#: Words of the invented organisations that are not members (start-ups, local operators).
NON_MEMBER_FIRST = ("Sunbird", "Kopje", "Mangrove", "Andes", "Steppe", "Oasis", "Monsoon",
                    "Atoll", "Highland", "Delta")  # fmt: skip
NON_MEMBER_SECOND = ("Analytics", "Robotics", "HealthTech", "Mobility", "AgriTech", "Fintech",
                     "Edge Computing", "IoT")  # fmt: skip


def person_name(index: int) -> str:
    """An invented name for the ``index``-th person (the same index, the same name)."""
    return f"{GIVEN[index % len(GIVEN)]} {FAMILY[(index // len(GIVEN) + index) % len(FAMILY)]}"
