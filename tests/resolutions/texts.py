# ruff: noqa: E501  (the texts keep their long lines: line breaks are structure here)
"""Small resolution texts written for the tests (no sentence of a real resolution): one made-up
Resolution 9 in the six languages, with the same numbering, and layouts of other kinds."""

from __future__ import annotations

EN = """RESOLUTION 9 (Rev. Sampletown, 2030)
Sharing the lamps of the sample village
(Oldtown, 2020; Sampletown, 2030)
The World Telecommunication Standardization Assembly (Sampletown, 2030),
recalling
a)\tResolution 12 (Rev. Lakeside, 2031) of the Plenipotentiary Conference, on lamps;
b)\tthe village meetings held every spring,
considering
that lamps light the way,
resolves
1\tto share the lamps;
2\tto count them every year,
instructs the Director of the Telecommunication Standardization Bureau, in collaboration with the Director of the Telecommunication Development Bureau
1\tto keep a list of lamps;
2\tto report to the advisory group,
invites Member States
1\tto lend their lamps.
"""

FR = """RÉSOLUTION 9 (Rév. Sampleville, 2030)
Partage des lampes du village exemple
(Vieilleville, 2020; Sampleville, 2030)
L'Assemblée mondiale de normalisation des télécommunications (Sampleville, 2030),
rappelant
a)\tla Résolution 12 (Rév. Bordlac, 2031) de la Conférence de plénipotentiaires, sur les lampes;
b)\tles réunions du village tenues chaque printemps,
considérant
que les lampes éclairent le chemin,
décide
1\tde partager les lampes;
2\tde les compter chaque année,
charge le Directeur du Bureau de la normalisation des télécommunications, en collaboration avec le Directeur du Bureau de développement des télécommunications
1\tde tenir une liste des lampes;
2\tde faire rapport au groupe consultatif,
invite les États Membres
1\tà prêter leurs lampes.
"""

ES = """RESOLUCIÓN 9 (Rev. Villamuestra, 2030)
Compartir las lámparas del pueblo de ejemplo
(Villavieja, 2020; Villamuestra, 2030)
La Asamblea Mundial de Normalización de las Telecomunicaciones (Villamuestra, 2030),
recordando
a)\tla Resolución 12 (Rev. Orilla, 2031) de la Conferencia de Plenipotenciarios, sobre las lámparas;
b)\tlas reuniones del pueblo celebradas cada primavera,
considerando
que las lámparas iluminan el camino,
resuelve
1\tcompartir las lámparas;
2\tcontarlas cada año,
encarga al Director de la Oficina de Normalización de las Telecomunicaciones, en colaboración con el Director de la Oficina de Desarrollo de las Telecomunicaciones
1\tque lleve una lista de las lámparas;
2\tque informe al grupo asesor,
invita a los Estados Miembros
1\ta prestar sus lámparas.
"""

RU = """РЕЗОЛЮЦИЯ 9 (Пересм. Образцовск, 2030 г.)
Совместное использование ламп деревни
(Староград, 2020 г.; Образцовск, 2030 г.)
Всемирная ассамблея по стандартизации электросвязи (Образцовск, 2030 г.),
напоминая
a)\tРезолюцию 12 (Пересм. Озерный, 2031 г.) Полномочной конференции о лампах;
b)\tо собраниях деревни каждой весной,
учитывая,
что лампы освещают путь,
решает
1\tсовместно использовать лампы;
2\tпересчитывать их каждый год,
поручает Директору Бюро стандартизации электросвязи в сотрудничестве с Директором Бюро развития электросвязи
1\tвести перечень ламп;
2\tпредставлять отчеты консультативной группе,
предлагает Государствам-Членам
1\tпредоставлять свои лампы.
"""

AR = """القرار 9 (المراجَع في مدينة النموذج، 2030)
تقاسم مصابيح القرية النموذجية
إن الجمعية العالمية لتقييس الاتصالات (مدينة النموذج، 2030)،
إذ تذكّر
a)\tبالقرار 12 لمؤتمر المندوبين المفوضين بشأن المصابيح؛
b)\tباجتماعات القرية في كل ربيع،
وإذ تضع في اعتبارها
أن المصابيح تنير الطريق،
تقرر
1\tتقاسم المصابيح؛
2\tعدّها كل عام،
تكلف مدير مكتب تقييس الاتصالات بالتعاون مع مدير مكتب تنمية الاتصالات
1\tبمسك قائمة المصابيح؛
2\tبتقديم تقرير إلى الفريق الاستشاري،
تدعو الدول الأعضاء
1\tإلى إعارة مصابيحها.
"""

ZH = """第9号决议（2030年，样本城，修订版）
共享样本村的灯
世界电信标准化全会（2030年，样本城），
回顾
a)\t全权代表大会关于灯的第12号决议；
b)\t每年春天举行的村民会议，
考虑到
灯照亮道路，
做出决议
1\t共享这些灯；
2\t每年清点灯的数量，
责成电信标准化局主任与电信发展局主任密切合作
1\t保存灯的清单；
2\t向顾问组报告，
请成员国
1\t出借它们的灯。
"""

ALL = {"en": EN, "fr": FR, "es": ES, "ru": RU, "ar": AR, "zh": ZH}

FINAL_ACTS = """RESOLUTION 77 (REV. SAMPLETOWN, 2030)
Lamps and candles in the Sector1, 2
The Plenipotentiary Conference of the International Telecommunication Union (Sampletown, 2030),
recalling
a)\tResolution ITU-R 5-3 (Rev. Hilltop, 2029) of the Radiocommunication Assembly;
b)\tDecision 4 (Rev. Hilltop, 2029) of the Plenipotentiary Conference and Resolution 8 (Rev.WRC-27);
c)\tResolution 30 (Rev. Lakeside, 2028) of the World Telecommunication Development Conference and Council Resolution 1400,
resolves
1\tto keep the lamps lit;
2\tto share candles,
instructs the Secretary-General
1\tto report to the Council.
______________________
1\tThe Sector means the sample Sector.
2\tA second note that runs
over two lines.
"""

FINAL_ACTS_FR = """RÉSOLUTION 77 (RÉV. VILLEEXEMPLE, 2030)
Lampes et bougies dans le Secteur1, 2
La Conférence de plénipotentiaires de l'Union internationale des télécommunications (Villeexemple, 2030),
rappelant
a)\tla Résolution UIT-R 5-3 (Rév. Colline, 2029) de l'Assemblée des radiocommunications;
b)\tla Décision 4 (Rév. Colline, 2029) de la Conférence de plénipotentiaires et la Résolution 8 (Rév.CMR-27);
c)\tla Résolution 30 (Rév. Bordlac, 2028) de la Conférence mondiale de développement des télécommunications,
considérant
a)\tque les lampes éclairent le chemin;
b)\tque les bougies coûtent cher,
décide
1\tde garder les lampes allumées;
2\tde partager les bougies,
charge le Secrétaire général
1\tde faire rapport au Conseil.
______________________
1\tLe Secteur désigne le Secteur exemple.
2\tUne deuxième note qui s'étend
sur deux lignes.
"""

DECISION = """DECISION 6 (REV. SAMPLETOWN, 2030)
Budget of the lamps
The Plenipotentiary Conference of the International Telecommunication Union (Sampletown, 2030),
considering
that lamps cost money,
decides
1\tto approve the budget;
2\tto review it in four years.
"""

RA = """RESOLUTION ITU-R 5-3
Lamps in radio studies
(2019-2023-2030)
The ITU Radiocommunication Assembly,
considering
a)\tthat lamps matter;
b)\tthat studies continue,
resolves
1\tthat the study groups study lamps;
2\tthat reports be kept.
"""

# A United Nations General Assembly resolution in its own layout (document head, numbered
# operative paragraphs with their verbs, closing lines).
UNGA = """United Nations	A/RES/91/123
General Assembly	Distr.: General
20 December 2036
Ninety-first session
Agenda item 17
Resolution adopted by the General Assembly on 15 December 2036
[on the report of the Second Committee (A/91/456)]
91/123. Lamps for sample villages
The General Assembly,
Recalling its resolution 88/77 of 10 December 2033 on lamps,
Reaffirming the importance of light for all villages,
Noting with concern that many villages still lack lamps,
1. Decides to convene a meeting on lamps in 2038;
2. Requests the Secretary-General to report on the implementation of the present resolution at its ninety-third session;
3. Invites Member States to share their lamps, and encourages them:
(a) To build lamp workshops;
(b) To train lamp keepers;
4. Also decides to include in the provisional agenda of its ninety-second session the item entitled "Lamps for sample villages".
48th plenary meeting
15 December 2036
"""
