"""Development corpus: synthetic aggregator dumps, with gold, for what only a corpus can teach.

    python -m benchmarks.devcorpus OUT --files N [--seed 17] [--outlets 60]

Writes *N* dumps as ``OUT/<outlet-slug>/<NNNNNN>.txt`` and their gold as
``OUT/gold.jsonl``, for measuring a parser that learns from many files
(docs/format.md, "A corpus, not a file"): which lines are an outlet's site
chrome, and which runs of words on the keywords line are the corpus's tags.
It is written from that phenomenon, not from the seeds' strings:

- outlets with Zipf-like sizes (a few big ones, a long tail of a handful of
  files each), invented names; about 15% of them write no source line and
  name themselves in the byline instead;
- each outlet has its own chrome: 2-7 phrases composed from parts (follow-us
  prompts with platform names, app and newsletter prompts, share buttons,
  rights notices with the outlet's name and a year, "most read" style labels,
  breadcrumbs of the outlet's sections), each with its own place (a line of
  its own at the top, after the first paragraph, before or right after the
  source line; glued to the end of a paragraph after its final punctuation;
  at the start of the first paragraph before a seam) and its own frequency
  (0.35-0.95 of the outlet's files); some lines come twice; about 10% of the
  outlets share a phrase with another outlet (the same CMS).  None is an entry
  of the built-in chrome lexicon, and none occurs in real text;
- real text that is essentially unique (sentence templates over a large
  vocabulary), recurring paragraph openers (``وقال``, ``وأضاف أن``) and a pool
  of generic subheadings that every outlet uses at 5-15% of its files each
  (some ending in ``:``): real text that recurs, to test precision;
- keywords lines of 3-10 tags (10% of them a single tag, 10% of the articles
  without the line) drawn from a vocabulary of a few thousand tags with a Zipf
  distribution and a long tail of invented names no lexicon holds (persons,
  clubs, local bodies, towns), correlated by story clusters, in random order,
  sometimes a tag twice or again in Persian letters; about half the tags also
  stand somewhere in the body;
- damage: about 3% of the files in windows-1256, 2% with CRLF line ends.

The gold of a file (one JSON object a line, in file order)::

    {"path": "<relative path>", "outlet": "<outlet name>",
     "blocks": [<every real paragraph and subheading, as a perfect parser keeps it>],
     "chrome": [{"text": "...", "where": "line" | "start" | "end"}, ...],
     "keywords": [<the tags, de-duplicated by exact string in first-seen order>]}

Related articles of the trailer are not in ``blocks``; glued chrome is cut out of
the block it was glued to.  Everything is drawn from one ``random.Random(seed)``,
so the same seed and arguments give byte-identical output (and the outlets,
chrome and vocabulary do not depend on the number of files); files are written
as they are made, so memory does not grow with *N*.
benchmarks/devcorpus_score.py parses such a corpus and scores the parser.
"""

from __future__ import annotations

import argparse
import bisect
import calendar
import datetime
import itertools
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from newsparse import Lexicon, fold
from newsparse._formats.aggregator.chrome import chrome_of
from newsparse._formats.aggregator.grammar import FINAL_PUNCTUATION

__all__ = ["generate", "main"]

_DESCRIPTION = "Write a synthetic development corpus of aggregator dumps, with gold."

T = TypeVar("T")


def _words(text: str) -> tuple[str, ...]:
    """The words of *text* (the vocabulary is written as space-separated lists)."""
    return tuple(text.split())


CP1256_SHARE = 0.03
CRLF_SHARE = 0.02
NO_SOURCE_SHARE = 0.15
SHARED_CHROME_SHARE = 0.10
OUTLET_EXPONENT = 1.4  # outlet sizes: rank r gets a share proportional to r ** -1.4
CLUSTERS = 700  # story clusters: the tags of one story co-occur

# ------------------------------------------------------------------ vocabulary: names

_GIVEN_MEN = _words(
    "سالم راشد فهد منصور طلال نايف ماجد بدر هشام وليد عادل جمال كمال رياض مراد ناصر زياد "
    "سامر غسان فراس نبيل هاني قاسم عماد أنور صابر مهدي لؤي معاذ أيمن شادي حمدان مشعل عزام "
    "نصوح مهيوب جابر ضياء بكر صهيب عارف نمر شاكر رضوان ثامر مؤنس يزن رائد حازم أسعد مازن "
    "محمد أحمد علي حسن خالد عمر يوسف إبراهيم مصطفى سعيد عثمان طارق"
)
_GIVEN_WOMEN = _words(
    "ليلى سعاد هدى رنا منى سلمى نادية مريم هالة ريم دعاء نسرين لمى عبير سناء وفاء"
)
_DIVINE = _words(
    "الرحيم الكريم الحكيم الودود الباسط الرزاق الجليل المجيد اللطيف الستار الحميد الغفور "
    "القادر الوهاب الصمد الفتاح"
)
_LETTERS = "بتجحخدرزسشصطعغفقكلمنه"
_FAMILY_PATTERNS = (
    "ال{0}{1}ا{2}ي", "ال{0}{1}{2}اني", "ال{0}{1}{2}اوي", "ال{0}ا{1}{2}ي", "ال{0}{1}ي{2}ي",
    "ال{0}{1}و{2}ي", "ال{0}{1}ا{2}", "ال{0}{1}{2}ان", "{0}{1}ا{2}", "{0}{1}و{2}", "{0}ا{1}{2}ي",
)  # fmt: skip
_TOWN_PATTERNS = (
    "{0}{1}ا{2}ة", "ال{0}{1}ي{2}ة", "{0}{1}و{2}ان", "ال{0}ا{1}{2}", "{0}{1}{2}ين", "ال{0}{1}ا{2}",
    "{0}ا{1}و{2}", "{0}{1}ي{2}ات",
)  # fmt: skip
_TOWN_PREFIXES = (
    "كفر", "تل", "عين", "دير", "بئر", "وادي", "جبل", "رأس", "خربة", "أم", "سيدي", "بني", "نجع",
    "منية", "حي", "قرية",
)  # fmt: skip
_CLUB_NAMES = _words("النجوم الصقور الشعلة الأمل الفجر النسور الكواكب الرواد البراعم الشباب الوحدة")
_BODY_FIELDS = _words("للتنمية للاستثمار للمياه للثقافة للسياحة للإسكان للنقل للبيئة للتدريب")
_BODY_FORMS = (
    "بلدية {t}", "مجلس محافظة {t}", "هيئة {t} {f}", "هيئة تطوير {t}", "غرفة تجارة {t}",
    "جمعية {t} الخيرية", "مديرية صحة {t}", "مجلس قروي {t}", "اتحاد بلديات {t}",
)  # fmt: skip
_CLUB_FORMS = ("نادي {t}", "{t} الرياضي", "نادي {c} الرياضي", "نادي {c} {t}", "شباب {t}")

# ------------------------------------------------------------------ vocabulary: topic tags

_TOPIC_WORDS = _words(
    "التعليم الصحة الزراعة السياحة الانتخابات الفيضانات الجفاف التضخم البطالة الإسكان "
    "الاستثمار الصادرات الضرائب الموازنة الكهرباء المياه الوقود النقل الجامعات المستشفيات "
    "الأمطار الحرائق الزلازل الهجرة اللاجئين الشباب المرأة الطفولة الرياضة الثقافة المسرح "
    "السينما التراث الآثار الاتصالات الإنترنت الفساد القضاء البرلمان النفط الغاز الذهب "
    "العقارات المرور الجريمة الأوبئة اللقاحات الامتحانات الموسيقى الأدب الصحافة الأسعار"
)
_MASC_NOUNS = _words(
    "الدعم النقل الاستثمار القطاع الاقتصاد الأمن التعليم الإنتاج الإصلاح التعاون الحوار "
    "المشروع البرنامج السوق التمويل التحول الأداء النمو الإنفاق التخطيط"
)
_FEM_NOUNS = _words(
    "الطاقة الصحة الزراعة السياحة التجارة الصناعة الموازنة الرعاية الحماية التنمية "
    "السياسة الأزمة الخدمات المدارس الإدارة الثروة"
)
_ADJECTIVES = (
    ("الحكومي", "الحكومية"), ("المحلي", "المحلية"), ("الزراعي", "الزراعية"),
    ("الرقمي", "الرقمية"), ("العام", "العامة"), ("الخاص", "الخاصة"), ("الصحي", "الصحية"),
    ("الغذائي", "الغذائية"), ("المتجدد", "المتجددة"), ("الأجنبي", "الأجنبية"),
    ("الإقليمي", "الإقليمية"), ("الريفي", "الريفية"), ("الجامعي", "الجامعية"),
    ("الاجتماعي", "الاجتماعية"), ("الاقتصادي", "الاقتصادية"), ("البيئي", "البيئية"),
    ("الصناعي", "الصناعية"), ("المائي", "المائية"), ("الوطني", "الوطنية"),
    ("الشامل", "الشاملة"), ("المستدام", "المستدامة"), ("الطارئ", "الطارئة"),
    ("المباشر", "المباشرة"), ("السياحي", "السياحية"),
)  # fmt: skip
_IDAFA_HEADS = _words(
    "ارتفاع انخفاض أزمة دعم تطوير إصلاح انقطاع غلاء نقص تراجع ترميم تأهيل حماية توسعة"
)
_IDAFA_TAILS = _words(
    "الأسعار الكهرباء المياه الوقود الخبز الإيجارات الرواتب المدارس الطرق المستشفيات "
    "الأراضي الأجور الأدوية المواصلات المحاصيل"
)
_REAL_PLACES = _words(
    "مصر الأردن تونس المغرب الجزائر العراق لبنان سوريا ليبيا السودان اليمن قطر الكويت "
    "السعودية الإمارات فلسطين تركيا إيران فرنسا ألمانيا روسيا الصين القاهرة بغداد بيروت "
    "دمشق الخرطوم الرباط"
)

# ------------------------------------------------------------------ vocabulary: body text

_ROLES = ("وزير", "نائب وزير", "وكيل وزارة", "مدير دائرة", "مستشار وزير", "المتحدث باسم وزارة")
_DOMAINS = _words(
    "المالية الزراعة الصحة التربية النقل الداخلية الاقتصاد الطاقة البيئة الإسكان السياحة "
    "العمل الثقافة الصناعة المياه"
)
_SUBJECTS = (
    "مسؤول محلي", "خبير اقتصادي", "نائب في البرلمان", "الناطق الرسمي باسم الحكومة",
    "رئيس الغرفة التجارية", "مدير المستشفى", "قائد الشرطة المحلية", "عضو المجلس البلدي",
    "أستاذ العلوم السياسية", "باحث في الشؤون الاقتصادية", "مسؤول حكومي مطلع",
    "رئيس اللجنة المالية", "محافظ البنك المركزي", "ممثل عن النقابة", "أحد السكان",
    "رئيس الاتحاد المحلي", "مسؤول في الهيئة", "ناشط حقوقي", "مدير المدرسة", "رئيس الجمعية",
    "محلل سياسي", "مهندس مشرف على الأعمال", "تاجر في السوق المركزي", "طبيب مقيم",
)  # fmt: skip
_SPEECH = (
    "وقال {s} إن", "وأضاف {s} أن", "وأكد {s} أن", "وأوضح {s} أن", "وأشار {s} إلى أن",
    "ولفت {s} إلى أن", "وشدد {s} على أن", "وذكر {s} أن", "وكشف {s} أن", "وتابع {s} أن",
    "ويرى {s} أن", "من جهته، قال {s} إن", "بدوره، أوضح {s} أن", "في المقابل، اعتبر {s} أن",
    "إلى ذلك، أفاد {s} بأن", "وبحسب {s}، فإن", "وفي تصريح صحفي، قال {s} إن", "وأعلن {s} أن",
    "وأفاد {s} بأن", "واعتبر {s} أن",
)  # fmt: skip
_BARE_SPEECH = ("وأضاف أن", "وأكد أن", "وتابع أن", "وأوضح أن", "وأشار إلى أن", "ولفت إلى أن")
_QUOTE_SPEECH = ("وقال {s}", "وأضاف {s}", "وتابع {s}", "وختم {s} بالقول", "وقال", "وأضاف")
_HEADS = _words(
    "مشروع برنامج خطة قرار اتفاق مبادرة حملة مقترح مخطط مسار ملف جهود إجراءات مساعي عملية "
    "دراسة مناقصة صفقة تعديلات"
)
_MASDARS = (
    "تأهيل", "دعم", "تطوير", "توسيع", "إصلاح", "تحديث", "تمويل", "حماية", "مراقبة", "تنظيم",
    "ترميم", "إنشاء", "صيانة", "تشغيل", "تحسين", "توزيع", "إعادة تأهيل", "رقمنة", "خصخصة",
    "تجديد", "تعزيز", "تأمين", "إدارة", "تقييم", "توطين", "استكمال", "تسريع", "مراجعة",
    "رفع كفاءة", "تنويع",
)  # fmt: skip
_OBJECTS = (
    "الطرق الفرعية", "الأسر المحتاجة", "شبكات الكهرباء", "المدارس الحكومية",
    "محطات تحلية المياه", "الأسواق الشعبية", "المراكز الصحية", "الموانئ البحرية",
    "خطوط النقل العام", "المناطق الصناعية", "الحدائق العامة", "قنوات الري", "المباني القديمة",
    "المخابز", "صغار المزارعين", "المشاريع الصغيرة", "الشركات الناشئة", "الأحياء الشعبية",
    "المطار الدولي", "السكك الحديدية", "الجسور", "شبكة الصرف الصحي", "الملاعب",
    "المكتبات العامة", "الخدمات البلدية", "المنح الدراسية", "قطاع الصيد", "مخازن الحبوب",
    "الأراضي الزراعية", "مراكز الإيواء", "سوق العمل", "القرى الحدودية",
    "المستشفيات الميدانية", "المناهج الدراسية", "قطاع النسيج", "أسطول الحافلات",
    "الثروة الحيوانية", "المواقع الأثرية", "المحميات الطبيعية", "الوحدات السكنية",
    "الكوادر الطبية", "المعلمين الجدد", "صناديق التقاعد", "الأرصفة", "مياه الشرب",
    "الإنارة العامة", "الأسواق المركزية", "دور الحضانة", "مراكز الشباب", "الطرق الريفية",
)  # fmt: skip
_PREDICATES = (
    "سيسهم في", "يهدف إلى", "لن يؤدي إلى", "يتطلب", "سيساعد على", "قد يفضي إلى",
    "جاء استجابة لمطالب", "يمهد الطريق أمام", "يفتح الباب أمام", "سيحد من", "يعكس الحاجة إلى",
    "يتضمن", "ينص على", "يواجه صعوبات في", "أدى إلى", "ساهم في", "لم يحقق بعد", "يستهدف",
    "يستند إلى", "يعول على", "يحتاج إلى", "يراهن على", "يتيح", "يضمن",
)  # fmt: skip
_GOAL_HEADS = (
    "خفض", "رفع", "تحسين", "تقليص", "زيادة", "تخفيف", "معالجة", "توفير", "استقطاب", "تسهيل",
    "ضبط", "مكافحة", "الحد من", "تعويض", "توسيع قاعدة",
)  # fmt: skip
_GOALS = (
    "معدلات البطالة", "جودة الخدمات", "كلفة المعيشة", "الاستثمارات الأجنبية", "حجم الصادرات",
    "فترات الانتظار", "نسب التسرب المدرسي", "الهدر في الموارد", "أعباء المواطنين",
    "الاختناقات المرورية", "فرص العمل", "الأضرار", "أسعار السلع الأساسية", "العجز المالي",
    "انبعاثات الكربون", "الإجراءات الإدارية", "حوادث السير", "مخاطر الفيضانات",
    "الطلب على الطاقة", "الخسائر", "الإنتاج المحلي", "عدد المستفيدين", "القدرة الاستيعابية",
    "مستوى الرضا", "حالات الغش التجاري",
)  # fmt: skip
_TIMES = (
    "خلال الأسبوع الماضي", "منذ مطلع العام الجاري", "في الربع الأول من العام",
    "خلال الأشهر الثلاثة المقبلة", "قبل نهاية الشهر الجاري", "في غضون أيام",
    "على المدى القريب", "في المرحلة المقبلة", "بحلول العام المقبل",
    "خلال السنوات الخمس الأخيرة", "منذ أكثر من {n} أشهر", "في {m} المقبل", "مطلع {m} الماضي",
    "خلال {n} أيام", "يوم {w} الماضي", "مساء {w}", "وفق جدول زمني محدد", "على مراحل متتالية",
)  # fmt: skip
_MANNERS = (
    "بتكلفة تقدر بنحو {n} مليون {c}", "بمشاركة {n} جهة حكومية", "بتمويل من صندوق التنمية",
    "وسط ترقب واسع", "رغم الصعوبات المالية", "بالتنسيق مع السلطات المحلية",
    "بحسب تقرير رسمي", "وفق بيانات رسمية", "بنسبة تتجاوز {n} في المئة",
    "لصالح أكثر من {n} ألف مستفيد", "وسط انتقادات من المعارضة", "في ظل ظروف مناخية صعبة",
    "بعد سلسلة من الاجتماعات", "عقب زيارة ميدانية", "في ظل تراجع الإيرادات",
)  # fmt: skip
_CONNECTORS = (
    "، مضيفا أن", "، مشيرا إلى أن", "، في حين أن", "، لافتا إلى أن", "، مؤكدا أن", "، غير أن",
    "، علما بأن", "، إلا أن",
)  # fmt: skip
_BUTS = ("في حين أن", "غير أن", "إلا أن")
_EVENTS = (
    "اجتماعا موسعا لبحث", "ورشة عمل حول", "نقاشا واسعا حول", "جولة تفقدية لمتابعة",
    "حملة ميدانية تستهدف", "مؤتمرا صحفيا للإعلان عن", "إطلاق مرحلة جديدة من",
)  # fmt: skip
_PROBLEMS = (
    "نقص الخدمات الأساسية", "تكرار انقطاع الكهرباء", "تردي حالة الطرق", "ارتفاع الإيجارات",
    "شح المياه في فصل الصيف", "غياب فرص العمل", "بطء الإجراءات", "تراكم النفايات",
)  # fmt: skip
_MONTHS_AR = _words("يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر")
_WEEKDAYS = _words("الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت")
_CURRENCIES = _words("دولار دينار درهم جنيه ريال ليرة")
_FRAMES = {
    "person": ("بحضور {t}", "وفق ما أكده {t}", "بحسب تصريحات {t}", "في لقاء مع {t}"),
    "club": ("خلال مباراة {t} الأخيرة", "بحسب إدارة {t}", "بمشاركة لاعبي {t}"),
    "body": ("بحسب بيان صادر عن {t}", "بالتعاون مع {t}", "وفق ما أعلنته {t}"),
    "town": ("في {t}", "في مدينة {t}", "داخل {t}", "لصالح سكان {t}"),
    "topic": ("على صعيد {t}", "في ما يتعلق بملف {t}", "في إطار ملف {t}"),
    "place": ("في {t}", "بالتنسيق مع {t}", "بين {t} وشركائها"),
}
# Real text too, and recurring: every outlet uses each at 5-15% of its files (precision).
_GENERIC_HEADINGS = (
    "خلفية", "ماذا حدث", "ردود الفعل", "السياق العام", "أرقام ودلالات", "ما التالي",
    "تفاصيل إضافية", "موقف الحكومة", "الخطوات المقبلة", "شهادات من الميدان", "مخاوف متزايدة",
    "الجانب الاقتصادي", "نظرة إلى الوراء", "تداعيات محتملة", "على الأرض", "رأي الخبراء",
    "مطالب السكان", "الصورة الكاملة", "بين السطور", "حصيلة أولية", "الموقف الدولي",
    "سيناريوهات مفتوحة", "أبرز النقاط", "تسلسل زمني", "ملف شائك", "تمهيد:", "بالتفصيل:",
    "الأسباب:", "جذور المشكلة:", "ما يجب معرفته:",
)  # fmt: skip

# ------------------------------------------------------------------ vocabulary: outlets, chrome

_OUTLET_PREFIXES = (
    "صحيفة", "بوابة", "وكالة أنباء", "موقع", "شبكة", "جريدة", "إذاعة", "مجلة", "صوت", "صدى",
    "نبض", "أخبار", "مرآة", "نافذة", "منبر",
)  # fmt: skip
_OUTLET_CORES = _words(
    "الأفق المرصد الميدان الوادي الساحل الجنوب الشمال الضفتين الهضبة الواحة السهل النخيل "
    "الرمال البادية المنارة الشرفة البوصلة الراصد المشهد الأطلال الربوة الضاحية"
)
_OUTLET_SUFFIXES = ("الجديد", "اليوم", "الإخباري", "نت", "24", "برس", "الآن")
_SECTIONS = (
    "محليات", "اقتصاد", "رياضة", "سياسة", "ثقافة وفنون", "منوعات", "تقارير", "عربي ودولي",
    "صحة", "تكنولوجيا", "مجتمع", "حوادث", "محافظات", "آراء",
)  # fmt: skip
_PLATFORMS = (
    "فيسبوك", "إكس", "تويتر", "تيليجرام", "واتساب", "يوتيوب", "إنستغرام", "تيك توك",
    "لينكد إن", "سناب شات", "جوجل نيوز", "Google News", "Telegram", "WhatsApp",
)  # fmt: skip
_FOLLOW = (
    "تابعونا على", "تابعوا {o} على", "تابعوا آخر الأخبار عبر", "انضموا إلى قناتنا على",
    "تابعونا عبر", "انضم لقناة {o} على", "لمتابعة آخر التحديثات تابعونا على",
    "اشتركوا في قناتنا على", "تابع {o} عبر", "تابعوا صفحتنا الرسمية على",
)  # fmt: skip
_APP = ("حمّل تطبيق {o}", "نزّل تطبيق {o}", "حمل تطبيق {o} مجانا", "جرّب تطبيق {o} الجديد")
_APP_TAILS = ("", " على هاتفك", " لأجهزة أندرويد وآيفون", " الآن", " من متجر التطبيقات")
_NEWSLETTER = (
    "اشترك في النشرة البريدية", "اشترك في نشرتنا الإخبارية", "سجّل في النشرة اليومية",
    "فعّل الإشعارات", "اشترك بالتنبيهات العاجلة",
)  # fmt: skip
_NEWSLETTER_TAILS = ("", " لتصلك آخر المستجدات", " ليصلك كل جديد", " مجانا", " من {o}")
_SHARE_LEADS = ("شارك الخبر", "شارك المقال", "انشر الخبر", "مشاركة الخبر", "")
_SHARE_BUTTONS = (
    "فيسبوك", "تويتر", "واتساب", "تيليجرام", "انسخ الرابط", "البريد الإلكتروني",
    "طباعة الصفحة", "لينكد إن", "ماسنجر",
)  # fmt: skip
_RIGHTS = (
    "جميع الحقوق محفوظة لـ{o} © {y}", "© {y} {o} جميع الحقوق محفوظة",
    "حقوق النشر محفوظة لموقع {o} {y}", "جميع الحقوق محفوظة © {o} {x} - {y}",
    "الحقوق محفوظة {o} ©", "يمنع نسخ المحتوى دون إذن {o} © {y}",
)  # fmt: skip
_LABELS = (
    "مواضيع ذات صلة", "الأكثر قراءة", "الأكثر مشاهدة", "اخترنا لكم", "قد يهمك أيضا",
    "المزيد من {s}", "آخر أخبار {s}", "أخبار ذات صلة", "روابط ذات صلة", "الأكثر تداولا",
    "موضوعات قد تهمك", "ننصحك بقراءة", "مقالات مشابهة", "عناوين أخرى", "الأكثر تعليقا",
)  # fmt: skip
_LABEL_TAILS = ("", " اليوم", " هذا الأسبوع", " في {o}", " الآن", " على {o}")
_CRUMB_HOMES = ("الرئيسية", "الصفحة الرئيسية", "{o}")
_CRUMB_LEVELS = ("أخبار", "الأخبار", "أقسام", "الأقسام", "")
_CRUMB_SEPARATORS = (" » ", " / ", " > ", " › ", " - ")
_SEAMS = (" » ", " | ", ": ", " - ", "» ", "|")
# Where each kind of phrase stands in its outlet's files, with weights.
_PLACES = {
    "crumb": (("start", 6), ("top", 4)),
    "follow": (("end_last", 35), ("end_first", 10), ("after_first", 20), ("before_source", 20),
               ("after_source", 15)),
    "app": (("before_source", 35), ("after_source", 25), ("after_first", 20), ("end_last", 20)),
    "share": (("top", 3), ("before_source", 4), ("end_last", 3)),
    "rights": (("after_source", 45), ("before_source", 35), ("end_last", 20)),
    "label": (("after_first", 35), ("before_source", 30), ("after_source", 20), ("top", 15)),
}  # fmt: skip
_KINDS = (("follow", 3), ("app", 2), ("share", 2), ("rights", 2), ("label", 3), ("crumb", 2))
_LINE_PLACES = ("top", "after_first", "before_source", "after_source")
_STRUCTURAL_STARTS = ("اقر", "إقر", "أقر", "طالع", "شاهد", "كلمات", "الكلمات", "وسوم", "الوسوم")

_ENGLISH_MONTHS = tuple(calendar.month_name[1:])
_TRANSLIT = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ء": "", "ؤ": "u", "ئ": "i", "ب": "b", "ت": "t",
    "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s",
    "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "a", "غ": "gh", "ف": "f", "ق": "q",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a", "و": "w", "ى": "a", "ي": "y",
    " ": "-",
}  # fmt: skip


class _Draw:
    """The one random stream, with the few draws the generator makes (fast ones)."""

    __slots__ = ("random", "rng")

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 -- reproducible data, not secrets
        self.random = self.rng.random

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def chance(self, p: float) -> bool:
        return self.random() < p

    def between(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def uniform(self, low: float, high: float) -> float:
        return low + (high - low) * self.random()

    def weighted(self, items: Sequence[tuple[str, int]]) -> str:
        total = sum(weight for _, weight in items)
        point = self.random() * total
        for item, weight in items:
            point -= weight
            if point < 0:
                return item
        return items[-1][0]


class _Zipf:
    """Indices 0..size-1 with probability proportional to (index + 1 + offset) ** -exponent
    (Zipf-Mandelbrot: the offset flattens the very head)."""

    __slots__ = ("cumulative", "last", "total")

    def __init__(self, size: int, exponent: float, offset: float = 0.0) -> None:
        weights = ((r + 1 + offset) ** -exponent for r in range(size))
        self.cumulative = list(itertools.accumulate(weights))
        self.total = self.cumulative[-1]
        self.last = size - 1

    def index(self, draw: _Draw) -> int:
        return min(bisect.bisect_right(self.cumulative, draw.random() * self.total), self.last)


@dataclass(frozen=True)
class _Tag:
    text: str
    kind: str  # person | club | body | town | topic | place


@dataclass(frozen=True)
class _Chrome:
    text: str
    kind: str
    place: str  # top | after_first | before_source | after_source | end_first | end_last | start
    frequency: float
    repeat: float  # a line: the chance that it comes a second time
    spacing: float  # glued to an end: the chance of a space before it
    seam: str  # glued to a start: what stands between it and the paragraph


@dataclass
class _Outlet:
    name: str
    slug: str
    has_source: bool
    person_byline: float
    outlet_byline: float
    no_keywords: float
    single_tag: float
    repeat_tag: float
    persian: float
    trailer: float
    sections: list[str]
    reporters: list[str]
    chrome: list[_Chrome] = field(default_factory=list)


@dataclass
class _Vocabulary:
    towns: list[str]
    clusters: list[tuple[_Tag, ...]]
    cluster_zipf: _Zipf
    extras: list[_Tag]
    extra_zipf: _Zipf
    headings: list[tuple[str, float]]
    family_names: list[str]


class _Inventor:
    """Invented words that no lexicon holds and that real text does not use."""

    def __init__(self, draw: _Draw) -> None:
        self.draw = draw
        lexicon = Lexicon.builtin()
        known = (
            lexicon.persons | lexicon.places | lexicon.groups | lexicon.given_names
            | lexicon.titles | lexicon.construct_heads | lexicon.labels | lexicon.join_next
            | lexicon.linkers | lexicon.prepositions | lexicon.adjectives | lexicon.not_adjectives
        )  # fmt: skip
        words = {word for entry in (*lexicon.names, *lexicon.phrases) for word in entry.split()}
        words |= set(" ".join(_all_text_parts()).split())
        self.taken = {fold(word) for word in (*known, *words)}

    def word(self, patterns: Sequence[str]) -> str:
        while True:
            letters = [self.draw.pick(_LETTERS) for _ in range(3)]
            if letters[0] == letters[1] == letters[2]:
                continue
            word = self.draw.pick(patterns).format(*letters)
            key = fold(word)
            if key not in self.taken:
                self.taken.add(key)
                return word

    def family(self) -> str:
        return self.word(_FAMILY_PATTERNS)

    def town(self) -> str:
        if self.draw.chance(0.45):
            return f"{self.draw.pick(_TOWN_PREFIXES)} {self.word(_TOWN_PATTERNS)}"
        return self.word(_TOWN_PATTERNS)

    def person(self, families: list[str]) -> str:
        draw = self.draw
        family = draw.pick(families) if families and draw.chance(0.25) else self.family()
        given = draw.pick(_GIVEN_WOMEN) if draw.chance(0.15) else draw.pick(_GIVEN_MEN)
        shape = draw.random()
        if shape < 0.40:
            return f"{given} {family}"
        father = draw.pick(_GIVEN_MEN)
        while father == given:
            father = draw.pick(_GIVEN_MEN)
        if shape < 0.55:
            return f"{given} {father} {family}"
        if shape < 0.70:
            return f"عبد {draw.pick(_DIVINE)} {family}"
        if shape < 0.82:
            return f"{given} بن {father} {family}" if draw.chance(0.6) else f"{given} بن {father}"
        if shape < 0.92:
            return f"أبو {draw.pick(_GIVEN_MEN)} {family}"
        return f"{given} عبد {draw.pick(_DIVINE)} {family}"


def _all_text_parts() -> list[str]:
    """Every string real text is made of (so invented names differ from all its words)."""
    parts: list[str] = [*_SUBJECTS, *_ROLES, *_DOMAINS, *_HEADS, *_MASDARS, *_OBJECTS]
    parts += [*_PREDICATES, *_GOAL_HEADS, *_GOALS, *_TIMES, *_MANNERS, *_CONNECTORS, *_EVENTS]
    parts += [*_PROBLEMS, *_MONTHS_AR, *_WEEKDAYS, *_CURRENCIES, *_GENERIC_HEADINGS]
    parts += [*_SPEECH, *_BARE_SPEECH, *_QUOTE_SPEECH, *_TOPIC_WORDS, *_MASC_NOUNS, *_FEM_NOUNS]
    parts += [
        *_IDAFA_HEADS,
        *_IDAFA_TAILS,
        *_REAL_PLACES,
        *_BUTS,
        *(a for pair in _ADJECTIVES for a in pair),
    ]
    parts += [frame for frames in _FRAMES.values() for frame in frames]
    return parts


def _topics(draw: _Draw) -> list[_Tag]:
    """The common topic tags: single words, noun and adjective, idafa; a few real places."""
    texts = list(_TOPIC_WORDS)
    for nouns, gender in ((_MASC_NOUNS, 0), (_FEM_NOUNS, 1)):
        texts += [
            f"{noun} {pair[gender]}"
            for noun in nouns
            for pair in _ADJECTIVES
            if noun[:4] != pair[gender][:4]  # not الصناعة الصناعية
        ]
    texts += [f"{head} {tail}" for head in _IDAFA_HEADS for tail in _IDAFA_TAILS]
    texts = [text for text in dict.fromkeys(texts) if draw.chance(0.45)]
    draw.rng.shuffle(texts)
    tags = [_Tag(text, "topic") for text in texts]
    places = [_Tag(place, "place") for place in _REAL_PLACES]
    # The head of the distribution is mostly places and topics; the names are the long tail.
    for tag in places:
        tags.insert(draw.between(0, min(len(tags), 60)), tag)
    return tags


def _vocabulary(draw: _Draw, inventor: _Inventor) -> _Vocabulary:
    towns = list(dict.fromkeys(inventor.town() for _ in range(450)))
    families = [inventor.family() for _ in range(150)]
    extras = _topics(draw)
    topic_zipf = _Zipf(len(extras), 1.0, offset=3)
    persons: list[str] = []
    clusters: list[tuple[_Tag, ...]] = []
    for _ in range(CLUSTERS):
        town = draw.pick(towns)
        story: list[_Tag] = []
        if draw.chance(0.7):
            story.append(_Tag(town, "town"))
        if draw.chance(0.5):
            form = draw.pick(_BODY_FORMS)
            story.append(_Tag(form.format(t=town, f=draw.pick(_BODY_FIELDS)), "body"))
        if draw.chance(0.3):
            form = draw.pick(_CLUB_FORMS)
            story.append(_Tag(form.format(t=town, c=draw.pick(_CLUB_NAMES)), "club"))
        for _ in range(draw.between(1, 4)):
            if persons and draw.chance(0.2):  # people in the news recur from story to story
                name = persons[min(int(draw.random() ** 2 * len(persons)), len(persons) - 1)]
            else:
                name = inventor.person(families)
                persons.append(name)
            story.append(_Tag(name, "person"))
        for _ in range(draw.between(1, 3)):
            story.append(extras[topic_zipf.index(draw)])
        clusters.append(tuple(dict.fromkeys(story)))
    headings = [(text, draw.uniform(0.05, 0.15)) for text in _GENERIC_HEADINGS]
    return _Vocabulary(
        towns=towns,
        clusters=clusters,
        cluster_zipf=_Zipf(len(clusters), 1.0, offset=2),
        extras=extras,
        extra_zipf=topic_zipf,
        headings=headings,
        family_names=families,
    )


# ------------------------------------------------------------------ outlets and their chrome


def _outlet_names(draw: _Draw, inventor: _Inventor, count: int) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        shape = draw.random()
        core = draw.pick(_OUTLET_CORES)
        if shape < 0.12:
            name = core
        elif shape < 0.35:
            name = f"{core} {draw.pick(_OUTLET_SUFFIXES)}"
        elif shape < 0.65:
            name = f"{draw.pick(_OUTLET_PREFIXES)} {core}"
        else:
            town = inventor.word(_TOWN_PATTERNS)
            name = (
                f"{draw.pick(_OUTLET_PREFIXES)} {town}"
                if draw.chance(0.6)
                else f"{town} {draw.pick(_OUTLET_SUFFIXES)}"
            )
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _slug(rank: int, name: str) -> str:
    latin = "".join(_TRANSLIT.get(c, c if c.isascii() and c.isalnum() else "") for c in name)
    return f"{rank:03d}-" + "-".join(part for part in latin.split("-") if part)[:32]


def _phrase(draw: _Draw, kind: str, outlet: str, sections: list[str]) -> str:
    o = outlet
    if kind == "follow":
        text = f"{draw.pick(_FOLLOW).replace('{o}', o)} {draw.pick(_PLATFORMS)}"
        return f"{text} و{draw.pick(_PLATFORMS)}" if draw.chance(0.2) else text
    if kind == "app":
        if draw.chance(0.5):
            return draw.pick(_APP).replace("{o}", o) + draw.pick(_APP_TAILS)
        return draw.pick(_NEWSLETTER) + draw.pick(_NEWSLETTER_TAILS).replace("{o}", o)
    if kind == "share":
        lead = draw.pick(_SHARE_LEADS)
        buttons = draw.rng.sample(_SHARE_BUTTONS, draw.between(2 if lead else 3, 4))
        return " ".join(filter(None, (lead, *buttons)))
    if kind == "rights":
        year = draw.between(2015, 2025)
        form = draw.pick(_RIGHTS)
        return form.replace("{o}", o).replace("{y}", str(year)).replace("{x}", str(year - 8))
    if kind == "label":
        label = draw.pick(_LABELS).replace("{s}", draw.pick(sections))
        return label + draw.pick(_LABEL_TAILS).replace("{o}", o)
    home = draw.pick(_CRUMB_HOMES).replace("{o}", o)
    separator = draw.pick(_CRUMB_SEPARATORS)
    steps = [home, draw.pick(_CRUMB_LEVELS), draw.pick(sections)]
    return separator.join(step for step in steps if step)


def _is_new_chrome(text: str, taken: list[str]) -> bool:
    """A phrase the library does not know, that no other phrase holds or is held in."""
    known = chrome_of(None)
    return (
        text[-1] not in FINAL_PUNCTUATION
        and not text.startswith(_STRUCTURAL_STARTS)
        and "المصدر" not in text
        and not known.is_line(text)
        and known.cut(text) is None
        and not any(text in other or other in text for other in taken)
    )


def _chrome_phrase(draw: _Draw, kind: str, outlet: _Outlet, taken: list[str]) -> _Chrome:
    for attempt in range(200):
        text = _phrase(draw, kind, outlet.name, outlet.sections)
        if attempt > 50:  # the composable phrases are running out: the outlet's own name helps
            text = f"{text} {outlet.name}"
        if _is_new_chrome(text, taken):
            break
    else:
        raise AssertionError(f"no new chrome phrase of kind {kind} for {outlet.name}")
    taken.append(text)
    return _placed(draw, text, kind)


def _placed(draw: _Draw, text: str, kind: str) -> _Chrome:
    place = draw.weighted(_PLACES[kind])
    repeat = draw.uniform(0.3, 0.7) if place in _LINE_PLACES and draw.chance(0.3) else 0.0
    return _Chrome(
        text=text,
        kind=kind,
        place=place,
        frequency=draw.uniform(0.35, 0.95),
        repeat=repeat,
        spacing=draw.pick((0.0, 0.5, 1.0)),
        seam=draw.pick(_SEAMS),
    )


def _outlets(draw: _Draw, inventor: _Inventor, count: int) -> list[_Outlet]:
    names = _outlet_names(draw, inventor, count)
    silent = set(draw.rng.sample(range(count), round(count * NO_SOURCE_SHARE)))
    outlets: list[_Outlet] = []
    taken: list[str] = []
    for rank, name in enumerate(names):
        reporters = []
        for _ in range(draw.between(2, 6)):
            woman = draw.chance(0.25)
            given = draw.pick(_GIVEN_WOMEN if woman else _GIVEN_MEN)
            label = "كتبت" if woman else "كتب"
            reporters.append(f"{label}: {given} {inventor.family()}")
        person = draw.uniform(0.0, 0.6)
        outlet = _Outlet(
            name=name,
            slug=_slug(rank, name),
            has_source=rank not in silent,
            person_byline=person,
            outlet_byline=draw.uniform(0.0, min(0.3, 1 - person)),
            no_keywords=draw.uniform(0.02, 0.18),
            single_tag=draw.uniform(0.05, 0.15),
            repeat_tag=draw.uniform(0.0, 0.25),
            persian=draw.uniform(0.1, 0.5) if draw.chance(0.5) else 0.0,
            trailer=draw.uniform(0.0, 0.5),
            sections=draw.rng.sample(_SECTIONS, draw.between(2, 4)),
            reporters=reporters,
        )
        kinds: list[str] = []
        for _ in range(draw.between(2, 7)):
            kind = draw.weighted(_KINDS)
            while kind in kinds and kind in ("rights", "crumb"):
                kind = draw.weighted(_KINDS)
            kinds.append(kind)
        outlet.chrome = [_chrome_phrase(draw, kind, outlet, taken) for kind in kinds]
        outlets.append(outlet)
    # The same CMS: a phrase without the other outlet's name, in a place of this outlet's own.
    for index in draw.rng.sample(range(count), round(count * SHARED_CHROME_SHARE)):
        other = outlets[draw.pick([i for i in range(count) if i != index] or [index])]
        mine = outlets[index].chrome
        held = {c.text for c in mine}
        common = [c for c in other.chrome if other.name not in c.text and c.text not in held]
        if other is outlets[index] or not common:
            continue
        shared = common[int(draw.random() * len(common))]
        if len(mine) >= 7:
            mine.pop(int(draw.random() * len(mine)))
        mine.append(_placed(draw, shared.text, shared.kind))
    return outlets


def _allocation(draw: _Draw, files: int, count: int) -> list[int]:
    """The outlet of each file: Zipf-like shares by largest remainder, in random order."""
    weights = [(rank + 1) ** -OUTLET_EXPONENT for rank in range(count)]
    total = sum(weights)
    exact = [files * weight / total for weight in weights]
    sizes = [int(share) for share in exact]
    by_remainder = sorted(range(count), key=lambda i: (sizes[i] - exact[i], i))
    for i in by_remainder[: files - sum(sizes)]:
        sizes[i] += 1
    order = [rank for rank, size in enumerate(sizes) for _ in range(size)]
    draw.rng.shuffle(order)
    return order


# ------------------------------------------------------------------ the article


class _Writer:
    """Makes one article at a time: its lines and its gold."""

    def __init__(self, draw: _Draw, vocabulary: _Vocabulary) -> None:
        self.draw = draw
        self.vocabulary = vocabulary
        self.officials = [f"{role} {domain}" for role in _ROLES for domain in _DOMAINS]

    # --- text
    def _fill(self, template: str) -> str:
        if "{" not in template:
            return template
        draw = self.draw
        return (
            template.replace("{n}", str(draw.between(2, 95)))
            .replace("{m}", draw.pick(_MONTHS_AR))
            .replace("{w}", draw.pick(_WEEKDAYS))
            .replace("{c}", draw.pick(_CURRENCIES))
        )

    def _subject(self) -> str:
        draw = self.draw
        if draw.chance(0.55):
            return draw.pick(self.officials)
        if draw.chance(0.15):
            return f"{draw.pick(_SUBJECTS)} في {draw.pick(self.vocabulary.towns)}"
        return draw.pick(_SUBJECTS)

    def _topic(self) -> str:
        draw = self.draw
        return f"{draw.pick(_HEADS)} {draw.pick(_MASDARS)} {draw.pick(_OBJECTS)}"

    def _goal(self) -> str:
        return f"{self.draw.pick(_GOAL_HEADS)} {self.draw.pick(_GOALS)}"

    def _adjunct(self) -> str:
        draw = self.draw
        shape = draw.random()
        if shape < 0.4:
            return self._fill(draw.pick(_TIMES))
        if shape < 0.75:
            return self._fill(draw.pick(_MANNERS))
        return f"في {draw.pick(self.vocabulary.towns)}"

    def _clause(self) -> str:
        draw = self.draw
        clause = f"{self._topic()} {draw.pick(_PREDICATES)} {self._goal()}"
        if draw.chance(0.7):
            clause += " " + self._adjunct()
        if draw.chance(0.3):
            clause += f"{draw.pick(_CONNECTORS)} {self._topic()} {draw.pick(_PREDICATES)}"
            clause += f" {self._goal()}"
        return clause

    def _sentence(self) -> str:
        draw = self.draw
        shape = draw.random()
        if shape < 0.5:
            return f"{draw.pick(_SPEECH).replace('{s}', self._subject())} {self._clause()}"
        if shape < 0.6:
            return f"{draw.pick(_BARE_SPEECH)} {self._clause()}"
        if shape < 0.75:
            place = draw.pick(self.vocabulary.towns)
            return (
                f"وشهدت {place} {self._fill(draw.pick(_TIMES))} {draw.pick(_EVENTS)} "
                f"{draw.pick(_MASDARS)} {draw.pick(_OBJECTS)}"
            )
        if shape < 0.85:
            return (
                f"وبلغ عدد المستفيدين من {self._topic()} نحو {draw.between(2, 900)} ألف شخص "
                f"{self._fill(draw.pick(_TIMES))}"
            )
        if shape < 0.93:
            return f"وتأتي هذه الخطوة في إطار {self._topic()} {self._adjunct()}"
        return (
            f"ويعاني سكان {draw.pick(self.vocabulary.towns)} منذ سنوات من "
            f"{draw.pick(_PROBLEMS)}، {draw.pick(_BUTS)} {self._clause()}"
        )

    def paragraph(self, mentions: list[str]) -> str:
        """One paragraph of 1-3 sentences, with the tag mentions, ending in final punctuation."""
        draw = self.draw
        sentences = [self._sentence() for _ in range(draw.between(1, 3))]
        for mention in mentions:
            at = int(draw.random() * len(sentences))
            sentences[at] = f"{sentences[at]}، {mention}"
        ending = draw.random()
        if ending < 0.82:
            return ". ".join(sentences) + "."
        if ending < 0.87:
            return ". ".join(sentences) + "!"
        if ending < 0.93:
            question = f"فهل ينجح {self._topic()} في {self._goal()}"
            return ". ".join(sentences) + f". {question}؟"
        speaker = draw.pick(_QUOTE_SPEECH).replace("{s}", self._subject())
        opening, closing = draw.pick((('"', '"'), ("«", "»"), ("“", "”")))
        quote = f"{speaker}: {opening}{self._clause()}{closing}"
        return ". ".join(sentences) + f". {quote}"

    def headline(self, mention: str | None, *, related: bool = False) -> str:
        draw = self.draw
        shape = draw.random()
        if shape < 0.4:
            text = f"{self._topic()} {draw.pick(_PREDICATES)} {self._goal()}"
        elif shape < 0.6:
            text = f"{draw.pick(self.vocabulary.towns)}.. {self._topic()} {self._adjunct()}"
        elif shape < 0.8:
            text = f"{draw.pick(self.officials)} يعلن {self._topic()} {self._adjunct()}"
        else:
            text = f"{self._topic()}: {draw.pick(_PREDICATES)} {self._goal()}"
        if mention is not None:
            text = f"{mention}.. {text}"
        if not related and draw.chance(0.05):
            text += "؟"
        words = text.split()
        if len(words) < 8:
            text += " " + self._fill(draw.pick(_TIMES))
        return " ".join(text.split()[:18])

    def subheading(self) -> str:
        """A short line (2-5 words) without final punctuation: one of a kind, mostly."""
        draw = self.draw
        shape = draw.random()
        if shape < 0.35:
            text = f"{draw.pick(_MASDARS)} {draw.pick(_OBJECTS)}"
        elif shape < 0.6:
            text = self._goal()
        elif shape < 0.85:
            text = f"{draw.pick(_IDAFA_HEADS)} {draw.pick(_IDAFA_TAILS)}"
        else:
            text = f"{draw.pick(_HEADS)} {draw.pick(_MASDARS)} {draw.pick(_OBJECTS)}"
        if draw.chance(0.7):  # a place makes most of them one of a kind
            placed = f"{text} في {draw.pick(self.vocabulary.towns)}"
            if len(placed.split()) <= 5:
                return placed
        return text if len(text.split()) <= 5 else self._goal()

    # --- tags
    def tags(self, outlet: _Outlet) -> list[_Tag]:
        draw = self.draw
        vocabulary = self.vocabulary
        story = vocabulary.clusters[vocabulary.cluster_zipf.index(draw)]
        count = 1 if draw.chance(outlet.single_tag) else draw.between(3, 10)
        chosen = list(
            draw.rng.sample(story, min(len(story), max(1, round(count * draw.uniform(0.4, 0.9)))))
        )
        while len(chosen) < count:
            extra = vocabulary.extras[vocabulary.extra_zipf.index(draw)]
            if extra not in chosen:
                chosen.append(extra)
        draw.rng.shuffle(chosen)
        return chosen[:count]

    def keywords_line(self, tags: list[_Tag], outlet: _Outlet, *, persian: bool) -> list[str]:
        """The tags as the site writes them: shuffled, a repeat, copies in Persian letters."""
        draw = self.draw
        written = [tag.text for tag in tags]
        if len(written) > 1 and draw.chance(outlet.repeat_tag):
            again = draw.pick(written)
            written.insert(draw.between(written.index(again) + 1, len(written)), again)
        if persian and draw.chance(outlet.persian):
            candidates = [t for t in dict.fromkeys(written) if "ي" in t or "ك" in t]
            for tag in draw.rng.sample(candidates, min(len(candidates), draw.between(1, 2))):
                copy = tag.replace("ي", "ی").replace("ك", "ک")
                written.insert(draw.between(written.index(tag) + 1, len(written)), copy)
        return written

    # --- the whole file
    def article(self, outlet: _Outlet, *, persian: bool) -> tuple[list[str], dict[str, Any]]:
        draw = self.draw
        tags = self.tags(outlet)
        has_keywords = not draw.chance(outlet.no_keywords)
        mentioned = [tag for tag in tags if draw.chance(0.5)] if has_keywords else []
        in_headline = mentioned.pop() if mentioned and draw.chance(0.2) else None

        count = draw.between(3, 11)
        mentions: list[list[str]] = [[] for _ in range(count)]
        for tag in mentioned:
            frame = draw.pick(_FRAMES[tag.kind])
            mentions[int(draw.random() * count)].append(frame.replace("{t}", tag.text))
        paragraphs = [self.paragraph(mentions[i]) for i in range(count)]

        # Subheadings stand before paragraphs 1..count-1, one at most before each.
        headings = [text for text, p in self.vocabulary.headings if draw.chance(p)]
        for _ in range(draw.between(0, 2) if draw.chance(0.5) else 0):
            headings.append(self.subheading())
        draw.rng.shuffle(headings)
        slots = draw.rng.sample(range(1, count), min(len(headings), count - 1))
        before = dict(zip(slots, headings, strict=False))

        # The chrome of this file.
        starts: list[_Chrome] = []
        ends: dict[int, list[_Chrome]] = {0: [], count - 1: []}
        lines: dict[str, list[str]] = {place: [] for place in _LINE_PLACES}
        after: dict[int, list[str]] = {}
        for phrase in outlet.chrome:
            if not draw.chance(phrase.frequency):
                continue
            if phrase.place == "start":
                starts.append(phrase)
            elif phrase.place.startswith("end"):
                ends[0 if phrase.place == "end_first" else count - 1].append(phrase)
            else:
                lines[phrase.place].append(phrase.text)
                if draw.chance(phrase.repeat):
                    if draw.chance(0.5):
                        lines[phrase.place].append(phrase.text)
                    else:
                        after.setdefault(int(draw.random() * count), []).append(phrase.text)

        gold_blocks: list[str] = []
        chrome: list[dict[str, str]] = []
        out: list[str] = []

        def chrome_lines(texts: list[str]) -> None:
            for text in texts:
                out.append(text)
                chrome.append({"text": text, "where": "line"})

        when = datetime.date(2019, 1, 1) + datetime.timedelta(days=draw.between(0, 2555))
        day = when.day
        suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
        out.append(self.headline(None if in_headline is None else in_headline.text))
        out.append(f"تاريخ النشر: {day}{suffix}, {_ENGLISH_MONTHS[when.month - 1]} {when.year} GMT")
        byline = draw.random()
        if not outlet.has_source or byline < outlet.outlet_byline:
            out.append(outlet.name)
        elif byline < outlet.outlet_byline + outlet.person_byline:
            out.append(draw.pick(outlet.reporters))
        chrome_lines(lines["top"])
        for index, text in enumerate(paragraphs):
            if index in before:
                out.append(before[index])
                gold_blocks.append(before[index])
            gold_blocks.append(text)
            line = text
            if index == 0:
                for phrase in starts:
                    line = f"{phrase.text}{phrase.seam}{line}"
                chrome.extend({"text": p.text, "where": "start"} for p in reversed(starts))
            for phrase in ends.get(index, ()):
                line += (" " if draw.chance(phrase.spacing) else "") + phrase.text
                chrome.append({"text": phrase.text, "where": "end"})
            out.append(line)
            if index == 0:
                chrome_lines(lines["after_first"])
            chrome_lines(after.get(index, []))
        chrome_lines(lines["before_source"])
        if outlet.has_source:
            out.append(f"المصدر: {outlet.name}")
        chrome_lines(lines["after_source"])
        keywords: list[str] = []
        if has_keywords:
            written = self.keywords_line(tags, outlet, persian=persian)
            out.append("كلمات دلالية: " + " ".join(written))
            keywords = list(dict.fromkeys(written))
        if (outlet.has_source or has_keywords) and draw.chance(outlet.trailer):
            out.append("إقرأ أيضاً:")
            for _ in range(draw.between(1, 2)):
                out.append(self.headline(None, related=True))
                out.append(self.paragraph([]))
        gold = {
            "outlet": outlet.name,
            "blocks": gold_blocks,
            "chrome": chrome,
            "keywords": keywords,
        }
        return out, gold


def generate(out: Path, files: int, *, seed: int = 17, outlets: int = 60) -> Path:
    """Write `files` dumps as out/<outlet-slug>/<NNNNNN>.txt (UTF-8) and out/gold.jsonl; return out.

    A share of the files is windows-1256 or has CRLF line ends (the module's
    docstring says which, and what the gold holds).  *out* must be missing or
    empty, so that nothing from another run is left in it.
    """
    if files < 0 or outlets < 1:
        raise ValueError("files must be >= 0 and outlets >= 1")
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty")
    draw = _Draw(seed)
    inventor = _Inventor(draw)
    vocabulary = _vocabulary(draw, inventor)
    sources = _outlets(draw, inventor, outlets)
    order = _allocation(draw, files, outlets)
    writer = _Writer(draw, vocabulary)
    out.mkdir(parents=True, exist_ok=True)
    for rank in sorted(set(order)):
        (out / sources[rank].slug).mkdir()
    width = max(6, len(str(files - 1)))
    with (out / "gold.jsonl").open("w", encoding="utf-8", newline="\n") as gold_file:
        for number, rank in enumerate(order):
            outlet = sources[rank]
            legacy = draw.chance(CP1256_SHARE)
            end = "\r\n" if draw.chance(CRLF_SHARE) else "\n"
            lines, gold = writer.article(outlet, persian=not legacy)
            text = end.join(lines) + end
            try:
                data = text.encode("cp1256" if legacy else "utf-8")
            except UnicodeEncodeError:  # not expected: every letter used is in windows-1256
                data = text.encode("utf-8")
            path = f"{outlet.slug}/{number:0{width}d}.txt"
            (out / path).write_bytes(data)
            record = {"path": path, **gold}
            gold_file.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def main(argv: list[str] | None = None) -> int:
    """The command: ``python -m benchmarks.devcorpus OUT --files N [--seed S] [--outlets K]``."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.devcorpus", description=_DESCRIPTION
    )
    parser.add_argument("out", type=Path, help="the directory to write (missing or empty)")
    parser.add_argument("--files", type=int, required=True, help="how many dumps")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--outlets", type=int, default=60)
    args = parser.parse_args(argv)
    try:
        generate(args.out, args.files, seed=args.seed, outlets=args.outlets)
    except (FileExistsError, ValueError) as error:
        sys.stderr.write(f"devcorpus: {error}\n")
        return 2
    sys.stdout.write(f"{args.files} files and gold.jsonl in {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
