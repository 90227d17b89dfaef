"""A small catalogue written for the search tests (English and French items across study
groups) and queries with the items a delegate would expect in the first ten results."""

from __future__ import annotations

from sqlalchemy import Engine

from stdgap.knowledge.items import ItemInput, add_item

# (id, type, SG, title, summary, keywords, languages)
ITEMS = [
    ("Y.3172", "recommendation", "SG13", "Architectural framework for machine learning in future networks including IMT-2020", "Specifies an architecture for integrating machine learning pipelines into networks.", "machine learning; IMT-2020", "en"),
    ("Y.3173", "recommendation", "SG13", "Framework for evaluating intelligence levels of future networks", "Levels of network intelligence and how machine learning drives automation.", "network automation; intelligence", "en"),
    ("Y.3174", "recommendation", "SG13", "Framework for data handling to enable machine learning in future networks", "Data collection and processing for machine learning models in networks.", "data; machine learning", "en"),
    ("Y.3800", "recommendation", "SG13", "Overview on networks supporting quantum key distribution", "Quantum key distribution networks: overview, functions and architecture.", "quantum key distribution; QKD", "en"),
    ("Y.3801", "recommendation", "SG13", "Functional requirements for quantum key distribution networks", "Requirements of key management in quantum key distribution networks.", "quantum; QKD", "en"),
    ("X.1710", "recommendation", "SG17", "Security framework for quantum key distribution networks", "Security threats and requirements for QKD networks.", "quantum; security", "en"),
    ("TR-QIT4N", "technical_report", "SG13", "Quantum information technology for networks: use cases", "Use cases of quantum computing and quantum communication in telecommunication networks.", "quantum computing", "en"),
    ("X.1205", "recommendation", "SG17", "Overview of cybersecurity", "Definitions, threats and a taxonomy of cybersecurity for networks.", "cybersecurity", "en"),
    ("X.509", "recommendation", "SG17", "Public-key and attribute certificate frameworks", "Directory certificates, public-key infrastructure and revocation.", "PKI; certificates", "en"),
    ("X.1051", "recommendation", "SG17", "Information security management for telecommunication organizations", "Guidelines for information security controls in operators.", "information security", "en"),
    ("GL-CIRT", "guideline", "SG17", "Guidelines for establishing a national computer incident response team", "How a developing country sets up a national CIRT: mandate, services, staffing.", "CIRT; incident response", "en"),
    ("BP-SPAM", "best_practice", "SG17", "Best practices for countering spam", "Technical and regulatory measures against unsolicited electronic messages.", "spam", "en"),
    ("G.652", "recommendation", "SG15", "Characteristics of a single-mode optical fibre and cable", "Geometrical, mechanical and transmission attributes of single-mode optical fibre.", "optical fibre", "en"),
    ("G.984.1", "recommendation", "SG15", "Gigabit-capable passive optical networks (GPON): general characteristics", "General characteristics of GPON access networks.", "GPON; optical access", "en"),
    ("G.9807.1", "recommendation", "SG15", "10-Gigabit-capable symmetric passive optical network", "XGS-PON for symmetric broadband access.", "XGS-PON; optical access", "en"),
    ("G.8271", "recommendation", "SG15", "Time and phase synchronization aspects of telecommunication networks", "Synchronization of time and phase for mobile backhaul networks.", "synchronization; timing", "en"),
    ("TP-FIBRE", "technical_paper", "SG15", "Deploying optical fibre in rural areas", "Cost-effective rollout of fibre cables to villages; aerial and buried deployment.", "rural broadband; fibre", "en"),
    ("H.264", "recommendation", "SG16", "Advanced video coding for generic audiovisual services", "Video compression for broadcasting, streaming and conferencing.", "video coding; AVC", "en"),
    ("H.265", "recommendation", "SG16", "High efficiency video coding", "Video compression with improved efficiency over AVC.", "HEVC; video coding", "en"),
    ("F.790", "recommendation", "SG16", "Telecommunications accessibility guidelines for older persons and persons with disabilities", "Accessibility of telecommunication services for persons with disabilities.", "accessibility", "en"),
    ("H.870", "recommendation", "SG16", "Guidelines for safe listening devices/systems", "Safe listening: preventing hearing loss from personal audio devices.", "safe listening; hearing", "en"),
    ("TR-DLT", "technical_report", "SG16", "Distributed ledger technologies: use cases in e-health", "Blockchain and distributed ledgers for health records.", "blockchain; DLT", "en"),
    ("D.261", "recommendation", "SG3", "Principles for market definition and identification of operators with significant market power", "Competition policy for telecommunication markets.", "competition; SMP", "en"),
    ("D.50", "recommendation", "SG3", "International Internet connection", "Charging principles for international Internet connectivity.", "Internet; charging", "en"),
    ("TR-MFS", "technical_report", "SG3", "Mobile financial services: consumer protection", "Protecting consumers of mobile money services in developing countries.", "mobile money; consumer protection", "en"),
    ("E.164", "recommendation", "SG2", "The international public telecommunication numbering plan", "Structure of international telephone numbers.", "numbering", "en"),
    ("E.800", "recommendation", "SG12", "Definitions of terms related to quality of service", "Quality of service vocabulary and its relation to quality of experience.", "QoS; QoE", "en"),
    ("P.800", "recommendation", "SG12", "Methods for subjective determination of transmission quality", "Listening tests and mean opinion score.", "MOS; speech quality", "en"),
    ("G.1028", "recommendation", "SG12", "End-to-end quality of service for voice over 4G mobile networks", "QoS parameters for VoLTE.", "VoLTE; QoS", "en"),
    ("L.1470", "recommendation", "SG5", "Greenhouse gas emissions trajectories for the ICT sector compatible with the UNFCCC Paris Agreement", "Emission trajectories for climate change mitigation in ICT.", "climate change; emissions", "en"),
    ("L.1015", "recommendation", "SG5", "Criteria for evaluation of the environmental impact of mobile phones", "E-waste, eco-design and energy of mobile phones.", "e-waste; environment", "en"),
    ("K.52", "recommendation", "SG5", "Guidance on complying with limits for human exposure to electromagnetic fields", "EMF exposure assessment for base stations.", "EMF; exposure", "en"),
    ("BP-EWASTE", "best_practice", "SG5", "Best practices for e-waste management in developing countries", "Collection and recycling of electronic waste.", "e-waste; recycling", "en"),
    ("Y.4900", "recommendation", "SG20", "Overview of key performance indicators in smart sustainable cities", "KPIs for smart sustainable cities.", "smart cities; KPI", "en"),
    ("Y.4200", "recommendation", "SG20", "Requirements for the interoperability of smart city platforms", "Interoperable Internet of things platforms for cities.", "IoT; smart cities", "en"),
    ("Y.4000", "recommendation", "SG20", "Overview of the Internet of things", "Concepts and reference model of the Internet of things.", "IoT", "en"),
    ("TR-IOT-AGRI", "technical_report", "SG20", "Internet of things for smart agriculture", "Sensors and connectivity for precision farming.", "IoT; agriculture", "en"),
    ("Q.3057", "recommendation", "SG11", "Signalling requirements and architecture for interconnection between trustable network entities", "Signalling security for interconnection.", "signalling", "en"),
    ("Q.5050", "recommendation", "SG11", "Framework for solution to combat counterfeit ICT devices", "Combating counterfeit and stolen mobile devices.", "counterfeit; devices", "en"),
    ("TR-SS7", "technical_report", "SG11", "SS7 vulnerabilities and mitigation measures", "Attacks on SS7 signalling and countermeasures.", "SS7; signalling security", "en"),
    ("COURSE-SA", "elearning", "SG2", "E-learning course: standardization for beginners", "Self-paced course on how ITU-T standards are made, for new delegates.", "standardization; training", "en"),
    ("COURSE-ML", "elearning", "SG13", "E-learning course: machine learning for network operators", "Online course on applying machine learning and artificial intelligence to networks.", "machine learning; AI", "en"),
    ("TRAIN-CONF", "training", "SG11", "Training on conformance and interoperability testing", "Hands-on training on testing laboratories and conformity assessment.", "conformance; testing", "en"),
    ("TRAIN-QOS", "training", "SG12", "Training on quality of service measurement", "Measuring mobile network performance in the field.", "QoS; measurement", "en"),
    ("GL-BSG", "guideline", "SG2", "Guidelines on bridging the standardization gap", "How developing countries build national standardization secretariats.", "standardization gap; BSG", "en"),
    ("SUP-55", "supplement", "SG13", "Supplement on machine learning in future networks use cases", "Use cases of machine learning in 5G networks.", "machine learning; 5G", "en"),
    ("SUP-Y4000", "supplement", "SG20", "Supplement on Internet of things use cases for developing countries", "IoT deployments in low-income settings.", "IoT", "en"),
    ("FR-RESEAUX", "guideline", "SG13", "Lignes directrices pour les réseaux de nouvelle génération", "Planification des réseaux de télécommunication de nouvelle génération dans les pays en développement.", "réseaux; planification", "fr"),
    ("FR-QUANT", "technical_report", "SG13", "Rapport technique sur la distribution quantique de clés", "La distribution quantique de clés protège les réseaux contre les attaques futures.", "quantique; sécurité", "fr"),
    ("FR-APPR", "elearning", "SG13", "Cours en ligne : apprentissage automatique pour les réseaux", "Introduction à l'apprentissage automatique appliqué à la gestion des réseaux.", "apprentissage automatique; intelligence artificielle", "fr"),
    ("FR-SECU", "guideline", "SG17", "Guide de la cybersécurité pour les opérateurs", "Mesures de sécurité des réseaux et gestion des incidents informatiques.", "cybersécurité; sécurité", "fr"),
    ("FR-FIBRE", "best_practice", "SG15", "Bonnes pratiques pour le déploiement de la fibre optique en zone rurale", "Déploiement économique de câbles à fibre optique dans les villages.", "fibre optique; rural", "fr"),
    ("FR-VILLE", "technical_report", "SG20", "Villes intelligentes et durables : indicateurs", "Indicateurs clés de performance des villes intelligentes et durables.", "villes intelligentes", "fr"),
    ("FR-QOS", "training", "SG12", "Formation sur la qualité de service des réseaux mobiles", "Mesure de la qualité de service et de la qualité d'expérience.", "qualité de service", "fr"),
    ("FR-CLIMAT", "technical_paper", "SG5", "Les TIC et le changement climatique", "Réduire les émissions de gaz à effet de serre du secteur des TIC.", "changement climatique", "fr"),
    ("FR-DECHETS", "best_practice", "SG5", "Gestion des déchets électroniques", "Collecte et recyclage des déchets d'équipements électriques et électroniques.", "déchets électroniques", "fr"),
    ("FR-NUMEROT", "guideline", "SG2", "Plan national de numérotage", "Gestion des ressources de numérotage par le régulateur.", "numérotage", "fr"),
    ("FR-CONTREF", "technical_report", "SG11", "Lutte contre les dispositifs contrefaits", "Identifier les téléphones mobiles contrefaits et volés.", "contrefaçon", "fr"),
    ("Y.2060", "recommendation", "SG13", "Overview of the Internet of things (superseded)", "Earlier overview of IoT concepts.", "IoT", "en"),
    ("Y.3100", "recommendation", "SG13", "Terms and definitions for IMT-2020 network", "Vocabulary of 5G networks.", "IMT-2020; 5G", "en"),
    ("Y.3101", "recommendation", "SG13", "Requirements of the IMT-2020 network", "Requirements of 5G core networks.", "IMT-2020; 5G", "en"),
    ("Y.3150", "recommendation", "SG13", "High-level technical characteristics of network softwarization for IMT-2020", "Network slicing and softwarization.", "network slicing; SDN", "en"),
    ("Y.3300", "recommendation", "SG13", "Framework of software-defined networking", "SDN concepts and architecture.", "SDN", "en"),
    ("Y.3500", "recommendation", "SG13", "Cloud computing: overview and vocabulary", "Cloud computing concepts.", "cloud computing", "en"),
    ("Y.3502", "recommendation", "SG13", "Cloud computing reference architecture", "Roles and activities in cloud computing.", "cloud computing", "en"),
    ("TR-AI-HEALTH", "technical_report", "SG16", "Artificial intelligence for health: evaluation framework", "Benchmarking of AI models for medical diagnosis.", "AI; health", "en"),
    ("TR-AI-DISASTER", "technical_report", "SG16", "Artificial intelligence for natural disaster management", "AI for early warning and disaster response.", "AI; disaster", "en"),
]

#: Query → the items a delegate expects among the first ten.
QUERIES: dict[str, set[str]] = {
    "quantum key distribution": {"Y.3800", "Y.3801", "X.1710", "FR-QUANT"},
    "quantom": {"Y.3800", "Y.3801", "X.1710", "TR-QIT4N"},
    "machne lerning": {"Y.3172", "Y.3174", "COURSE-ML", "SUP-55"},
    "machine learning": {"Y.3172", "Y.3173", "Y.3174", "COURSE-ML", "SUP-55"},
    "réseaux": {"FR-RESEAUX", "FR-APPR", "FR-SECU"},
    "reseau": {"FR-RESEAUX", "FR-APPR"},
    "apprentissage automatique": {"FR-APPR"},
    "passive optical networks": {"G.984.1", "G.9807.1"},
    "optical fibre rural": {"TP-FIBRE"},
    "fibre optique": {"FR-FIBRE"},
    "video coding": {"H.264", "H.265"},
    "e-waste": {"L.1015", "BP-EWASTE"},
    "smart cities": {"Y.4900", "Y.4200"},
    "Internet of things": {"Y.4000", "Y.4200", "TR-IOT-AGRI", "SUP-Y4000", "Y.2060"},
    "Y.3172": {"Y.3172"},
    "cloud computing": {"Y.3500", "Y.3502"},
    "artificial intelligence": {"TR-AI-HEALTH", "TR-AI-DISASTER", "COURSE-ML"},
    "counterfeit devices": {"Q.5050"},
    "changement climatique": {"FR-CLIMAT"},
    "cybersecurity": {"X.1205"},
}


def load_corpus(engine: Engine) -> None:
    for number, (key, kind, group, title, summary, keywords, language) in enumerate(ITEMS):
        status = "superseded" if "superseded" in title else "in_force"
        add_item.perform(
            engine,
            "test",
            ItemInput(
                f"ITU-T {key}",
                title,
                kind,
                number=key,
                summary=summary,
                study_group=group,
                status=status,
                date=f"{2010 + number % 15}-0{1 + number % 9}-15",
                languages=language if language == "fr" else "en, fr" if number % 3 == 0 else "en",
                keywords=keywords,
            ),
        )
