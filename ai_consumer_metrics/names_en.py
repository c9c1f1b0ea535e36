"""English names for the Chinese organisations articles credit (36氪 -> 36Kr).

Charts drawn without a CJK font cannot show 36氪 or 新浪财经; instead of dropping
the credit they show an English name. Names come, in order, from the entity
registry (``name_zh`` and ``aliases`` -> ``name_en``), from :data:`ORGANISATIONS_EN`
(media, research firms, brokers and agencies often cited in Chinese business writing),
and, for a document credited by title ("蚂蚁集团2023年度可持续发展报告"), from the
organisation the title starts with ("Ant Group report (2023)").

Example::

    from ai_consumer_metrics.names_en import english_name
    english_name("36氪")                         # '36Kr'
    english_name("QuestMobile")                  # 'QuestMobile' (already Latin)
    english_name("某某咨询")                      # None: no English name known
"""
from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["ORGANISATIONS_EN", "english_name", "registry_names"]

#: Widely used English names of Chinese publishers and research firms. Only names the
#: organisations use themselves (or the standard press rendering); never a guess.
ORGANISATIONS_EN: dict[str, str] = {
    # research and data firms
    "艾瑞咨询": "iResearch", "艾瑞": "iResearch", "易观": "Analysys", "易观分析": "Analysys",
    "易观千帆": "Analysys Qianfan", "艾媒咨询": "iiMedia Research", "极光": "Aurora Mobile",
    "极光大数据": "Aurora Mobile", "七麦数据": "Qimai Data", "点点数据": "Diandian Data",
    "国际数据公司": "IDC", "弗若斯特沙利文": "Frost & Sullivan", "沙利文": "Frost & Sullivan",
    "灼识咨询": "China Insights Consultancy", "中国信通院": "CAICT",
    "中国信息通信研究院": "CAICT", "36氪研究院": "36Kr Research", "胡润研究院": "Hurun Report",
    # media
    "36氪": "36Kr", "新浪财经": "Sina Finance", "新浪科技": "Sina Tech", "财联社": "Cailian Press",
    "21世纪经济报道": "21st Century Business Herald", "第一财经": "Yicai",
    "界面新闻": "Jiemian News", "澎湃新闻": "The Paper", "财新": "Caixin", "财新网": "Caixin",
    "经济观察报": "The Economic Observer", "证券时报": "Securities Times",
    "中国证券报": "China Securities Journal", "上海证券报": "Shanghai Securities News",
    "每日经济新闻": "National Business Daily", "晚点LatePost": "LatePost", "晚点": "LatePost",
    "虎嗅": "Huxiu", "虎嗅APP": "Huxiu", "虎嗅网": "Huxiu", "钛媒体": "TMTPost",
    "极客公园": "GeekPark", "雷锋网": "Leiphone", "量子位": "QbitAI", "机器之心": "Synced",
    "网易新闻": "NetEase News", "网易科技": "NetEase Tech", "腾讯新闻": "Tencent News",
    "腾讯科技": "Tencent Tech", "维科网": "OFweek", "华尔街见闻": "Wallstreetcn",
    "彭博": "Bloomberg", "彭博社": "Bloomberg", "路透": "Reuters", "路透社": "Reuters",
    "新华社": "Xinhua", "人民日报": "People's Daily", "央视新闻": "CCTV News",
    "中国新闻网": "China News Service", "中新网": "China News Service",
    # brokers and banks
    "中金公司": "CICC", "中金": "CICC", "中信证券": "CITIC Securities",
    "国泰君安": "Guotai Junan Securities", "华泰证券": "Huatai Securities",
    "海通证券": "Haitong Securities", "招商证券": "China Merchants Securities",
    "光大证券": "Everbright Securities", "摩根士丹利": "Morgan Stanley", "大摩": "Morgan Stanley",
    "高盛": "Goldman Sachs", "摩根大通": "J.P. Morgan", "小摩": "J.P. Morgan",
    # public bodies
    "国家统计局": "National Bureau of Statistics of China",
    "中国互联网络信息中心": "CNNIC", "工信部": "MIIT", "工业和信息化部": "MIIT",
    "商务部": "Ministry of Commerce of China", "国家邮政局": "State Post Bureau of China",
}

# Words that end the title of a document credited for a figure (a report, not a firm).
_DOCUMENT = re.compile(r"(报告|白皮书|年报|财报|研报|公告|蓝皮书|报表)")
_DATE = re.compile(r"(?:19|20)\d{2}(?:[.\-/年]\d{1,2})?")


def _has_cjk(text: str) -> bool:
    return any("\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def registry_names(entities) -> dict[str, str]:
    """``{Chinese name or alias: name_en}`` from an entities table (DataFrame or ``None``).

    Aliases are the registry's ``"; "``-joined column.

    Example::

        >>> registry_names(acm.load("entities"))["蚂蚁集团"]
        'Ant Group'
    """
    out: dict[str, str] = {}
    if entities is None or "name_en" not in getattr(entities, "columns", ()):
        return out
    for _, row in entities.iterrows():
        en = row.get("name_en")
        if not isinstance(en, str) or not en.strip():
            continue
        names = [row.get("name_zh")]
        aliases = row.get("aliases")
        if isinstance(aliases, str):
            names += aliases.split(";")
        for name in names:
            if isinstance(name, str) and name.strip():
                out.setdefault(name.strip(), en)
    return out


def english_name(name: str, known: Mapping[str, str] | None = None) -> str | None:
    """An English name for ``name``, or ``None`` when none is known.

    ``known`` adds names (e.g. :func:`registry_names`); it is tried before
    :data:`ORGANISATIONS_EN`. A name without Chinese characters is its own English name.

    Example::

        >>> english_name("蚂蚁集团2023年度可持续发展报告", {"蚂蚁集团": "Ant Group"})
        'Ant Group report (2023)'
    """
    name = str(name).strip()
    if not name:
        return None
    if not _has_cjk(name):
        return name
    tables = [dict(known or {}), ORGANISATIONS_EN]
    for table in tables:
        if name in table:
            return table[name]
    # A document credited by its title: name the organisation it starts with, the
    # longest match first so 36氪研究院 wins over 36氪.
    if _DOCUMENT.search(name):
        prefixes = sorted({k for t in tables for k in t if name.startswith(k)}, key=len,
                          reverse=True)
        if prefixes:
            org = next(t[prefixes[0]] for t in tables if prefixes[0] in t)
            date = _DATE.search(name[len(prefixes[0]):])
            year = re.sub(r"年", ".", date.group()) if date else ""
            return f"{org} report" + (f" ({year})" if year else "")
    return None
