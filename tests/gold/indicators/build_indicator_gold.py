#!/usr/bin/env python3
"""Build and verify the hand-annotated headline-indicator gold file (headline-indicators.tsv).

For 18 reports of the corpus (national, province, city, county; 1996-2026) a person read the
report, found the headline passage (this year's 主要预期目标 / 主要目标 / 调控目标 paragraph, not
five-year goals, not last year's results) and listed EVERY target stated in that passage, one
row each, with an indicator code (or an empty code and a proposed code in the note).

Nothing here comes from gzbg: the script neither runs nor imports it. It holds only the
hand-made data and the checks:
  * each report's passage is found from a start phrase (unique in the text) to an end phrase;
  * each row gives a context that occurs exactly once inside the passage and contains the
    quantity exactly once; start = offset of the quantity in the text read as utf-8-sig;
  * text[start:start+len(quantity)] == quantity for every row (re-checked on the written TSV);
  * numeric quantities contain no comparator words and have an empty relation; non-numeric
    targets have a relation from RELATIONS; codes come from CODES (or are empty with a
    'proposed:' note).

Run:  python3 build_indicator_gold.py            write headline-indicators.tsv next to this file
      python3 build_indicator_gold.py --check    verify the committed TSV equals what this writes
Corpus: ../shared/corpus beside the repository, or the folder named by $GZBG_CORPUS.
"""

import argparse
import os
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]  # the repository (tests/gold/indicators -> repo)
CORPUS = Path(os.environ.get("GZBG_CORPUS", ROOT.parent / "shared" / "corpus"))
OUT = HERE / "headline-indicators.tsv"
COLS = ["doc", "start", "quantity", "indicator", "relation", "note"]

CODES = {
    "gdp_growth",
    "gdp",
    "gdp_per_capita",
    "industry_va_growth",
    "fai_growth",
    "retail_growth",
    "trade_growth",
    "export_growth",
    "fdi",
    "fiscal_revenue_growth",
    "fiscal_total_revenue_growth",
    "cpi",
    "unemployment_surveyed",
    "unemployment_registered",
    "new_urban_jobs",
    "income_growth",
    "income_urban_growth",
    "income_rural_growth",
    "energy_intensity",
    "carbon_intensity",
    "emissions",
    "grain_output",
    "population_growth",
    "urbanisation_rate",
    "rd_intensity",
    "pm25",
    "good_air_days",
    "poverty",
    "deficit_ratio",
    "m2_growth",
    "special_bonds",
    "international_payments",
}
# Relations for targets without a number. The first six are the brief's; the last three are
# proposed here because no listed value fits (see README.md).
RELATIONS = {"sync", "positive", "above_parent", "delegated", "no_decrease", "keep_stable", "improve", "decrease", "rank"}
COMPARATOR_WORDS = ("以上", "以下", "以内", "左右", "超过", "不低于", "不少于", "不超过", "约", "力争")
NUMERAL = re.compile(r"[0-9０-９]")

N, PV, C, CO = "national", "province", "city", "county"
E = ""
ENERGY_EMISSION = "proposed: energy_emission_tasks (combined 节能减排 / 减排降碳 / 能耗及排放 target)"
FISCAL_TOTAL = (
    "财政收入 unqualified: in this report's review it is the all-in figure (incl. central "
    "taxes; 地方财政收入 is named separately), so read as 财政总收入"
)

# Each report: doc, level, year of the plan (content year), passage start phrase, passage end
# phrase, rows (context, quantity, indicator, relation, note).
REPORTS = [
    # ---------------- national ----------------
    dict(
        doc="reports/national/1996.md",
        level=N,
        year=1996,
        begin="今年经济增长速度的调控目标定为8%",
        end="固定资产投资率定为32%左右。",
        rows=[
            ("调控目标定为8%", "8%", "gdp_growth", E, "经济增长速度"),
            ("物价上涨幅度控制在10%左右", "10%", "cpi", E, "物价上涨幅度 (general price rise; the 1990s gauge was the retail price index)"),
            (
                "固定资产投资率定为32%左右",
                "32%",
                E,
                E,
                "proposed: investment_rate — 固定资产投资率 (investment/GDP), a level, not fai_growth",
            ),
        ],
    ),
    dict(
        doc="reports/national/2007.md",
        level=N,
        year=2007,
        begin="今年国民经济和社会发展的主要目标是",
        end="国际收支不平衡状况得到改善。",
        rows=[
            ("国内生产总值增长8%左右", "8%", "gdp_growth", E, E),
            ("不低于900万人", "900万人", "new_urban_jobs", E, "城镇新增就业人数不低于"),
            ("城镇登记失业率控制在4.6%以内", "4.6%", "unemployment_registered", E, E),
            ("物价总水平基本稳定", "物价总水平基本稳定", "cpi", "keep_stable", E),
            ("居民消费价格总水平涨幅在3%以内", "3%", "cpi", E, E),
            (
                "国际收支不平衡状况得到改善",
                "国际收支不平衡状况得到改善",
                "international_payments",
                "improve",
                "relation improve (proposed): the imbalance is to be reduced, no number",
            ),
        ],
    ),
    dict(
        doc="reports/national/2019.md",
        level=N,
        year=2019,
        begin="今年经济社会发展的主要预期目标是：国内生产总值增长6%",
        end="主要污染物排放量继续下降。",
        rows=[
            ("国内生产总值增长6%—6.5%", "6%—6.5%", "gdp_growth", E, "range"),
            ("城镇新增就业1100万人以上", "1100万人", "new_urban_jobs", E, E),
            ("城镇调查失业率5.5%左右", "5.5%", "unemployment_surveyed", E, E),
            ("城镇登记失业率4.5%以内", "4.5%", "unemployment_registered", E, E),
            ("居民消费价格涨幅3%左右", "3%", "cpi", E, E),
            ("国际收支基本平衡", "国际收支基本平衡", "international_payments", "keep_stable", E),
            ("进出口稳中提质", "进出口稳中提质", "trade_growth", "keep_stable", "稳中提质: volume stable, quality up; no number"),
            ("宏观杠杆率基本稳定", "宏观杠杆率基本稳定", E, "keep_stable", "proposed: macro_leverage"),
            ("金融财政风险有效防控", "金融财政风险有效防控", E, "improve", "proposed: financial_risk; qualitative"),
            ("农村贫困人口减少1000万以上", "1000万", "poverty", E, "unit 人 not written"),
            ("居民收入增长与经济增长基本同步", "居民收入增长与经济增长基本同步", "income_growth", "sync", E),
            ("生态环境进一步改善", "生态环境进一步改善", E, "improve", "proposed: environment_quality; qualitative"),
            ("能耗下降3%左右", "3%", "energy_intensity", E, "单位国内生产总值能耗"),
            (
                "主要污染物排放量继续下降",
                "主要污染物排放量继续下降",
                "emissions",
                "decrease",
                "relation decrease (proposed): down, no number",
            ),
        ],
    ),
    dict(
        doc="reports/national/2024.md",
        level=N,
        year=2024,
        begin="今年发展主要预期目标是",
        end="生态环境质量持续改善。",
        rows=[
            ("国内生产总值增长5%左右", "5%", "gdp_growth", E, E),
            ("城镇新增就业1200万人以上", "1200万人", "new_urban_jobs", E, E),
            ("城镇调查失业率5.5%左右", "5.5%", "unemployment_surveyed", E, E),
            ("居民消费价格涨幅3%左右", "3%", "cpi", E, E),
            ("居民收入增长和经济增长同步", "居民收入增长和经济增长同步", "income_growth", "sync", E),
            ("国际收支保持基本平衡", "国际收支保持基本平衡", "international_payments", "keep_stable", E),
            ("粮食产量1.3万亿斤以上", "1.3万亿斤", "grain_output", E, E),
            ("能耗降低2.5%左右", "2.5%", "energy_intensity", E, "单位国内生产总值能耗"),
            ("生态环境质量持续改善", "生态环境质量持续改善", E, "improve", "proposed: environment_quality; qualitative"),
        ],
    ),
    # ---------------- province ----------------
    dict(
        doc="reports/province/河北省/2000.md",
        level=PV,
        year=2000,
        begin="今年的主要预期目标是",
        end="城镇登记失业率控制在3.5％左右。",
        rows=[
            ("国内生产总值增长9％左右", "9％", "gdp_growth", E, "full-width ％"),
            ("城镇居民可支配收入增长5％左右", "5％", "income_urban_growth", E, E),
            ("农民人均纯收入增长4％左右", "4％", "income_rural_growth", E, E),
            (
                "商品零售价格和居民消费价格总水平保持或略高于去年水平",
                "商品零售价格和居民消费价格总水平保持或略高于去年水平",
                "cpi",
                "keep_stable",
                "retail price + CPI: level kept or slightly above last year; keep_stable is the nearest relation",
            ),
            ("城镇登记失业率控制在3.5％左右", "3.5％", "unemployment_registered", E, E),
        ],
    ),
    dict(
        doc="reports/province/安徽省/2008.md",
        level=PV,
        year=2008,
        begin="综合考虑，经济社会发展的主要目标是",
        end="分别下降2.5%和1%。",
        rows=[
            ("全省生产总值增长12%", "12%", "gdp_growth", E, E),
            ("财政收入增长14%", "14%", "fiscal_total_revenue_growth", E, FISCAL_TOTAL),
            ("城镇居民人均可支配收入增长10%", "10%", "income_urban_growth", E, E),
            ("农民人均纯收入增长7%", "7%", "income_rural_growth", E, E),
            (
                "居民消费价格涨幅略低于2007年实际水平",
                "居民消费价格涨幅略低于2007年实际水平",
                "cpi",
                "decrease",
                "relation decrease (proposed): CPI rise slightly below 2007's actual, no number",
            ),
            ("城镇新增就业45万人", "45万人", "new_urban_jobs", E, E),
            ("城镇登记失业率控制在4.5%以内", "4.5%", "unemployment_registered", E, E),
            ("人口自然增长率控制在7.2‰以内", "7.2‰", "population_growth", E, E),
            ("单位生产总值能耗下降4%", "4%", "energy_intensity", E, E),
            ("分别下降2.5%和1%", "2.5%", "emissions", E, "化学需氧量 (COD) emissions; 分别 list"),
            ("分别下降2.5%和1%", "1%", "emissions", E, "二氧化硫 (SO2) emissions; 分别 list"),
        ],
    ),
    dict(
        doc="reports/province/江西省/2010.md",
        level=PV,
        year=2010,
        begin="今年全省经济社会发展的主要预期目标是",
        end="人口自然增长率控制在8‰以内。",
        rows=[
            ("生产总值增长11%", "11%", "gdp_growth", E, E),
            ("财政收入增长12%", "12%", "fiscal_total_revenue_growth", E, FISCAL_TOTAL),
            ("固定资产投资增长30%", "30%", "fai_growth", E, E),
            ("力争40%", "40%", "fai_growth", E, "stretch target (力争) for the same FAI growth"),
            ("零售总额增长16%", "16%", "retail_growth", E, E),
            ("实际利用外资增长8%", "8%", "fdi", E, "growth rate of 实际利用外资"),
            ("海关出口增长8%", "8%", "export_growth", E, E),
            ("城镇化率提高1.6个百分点", "1.6个百分点", "urbanisation_rate", E, "change in percentage points"),
            ("城镇居民人均可支配收入增长8%", "8%", "income_urban_growth", E, E),
            ("农民人均纯收入增长8%", "8%", "income_rural_growth", E, E),
            ("涨幅控制在3%左右", "3%", "cpi", E, "居民消费价格总水平涨幅"),
            ("控制在0.85吨标煤以内", "0.85吨标煤", "energy_intensity", E, "level: 万元生产总值能耗, tonnes of standard coal per 10k yuan"),
            ("控制在43.4万吨以内", "43.4万吨", "emissions", E, "化学需氧量 (COD) total, a level cap"),
            ("控制在57万吨以内", "57万吨", "emissions", E, "二氧化硫 (SO2) total, a level cap"),
            ("人口自然增长率控制在8‰以内", "8‰", "population_growth", E, E),
        ],
    ),
    dict(
        doc="reports/province/四川省/2014.md",
        level=PV,
        year=2015,
        begin="今年全省经济社会发展主要预期目标建议",
        end="完成国家下达的节能减排任务。",
        rows=[
            ("地区生产总值增长7.5%左右", "7.5%", "gdp_growth", E, "file labelled 2014 holds the 2015 report (INDEX note)"),
            ("固定资产投资增长10%左右", "10%", "fai_growth", E, E),
            ("零售总额增长11.5%左右", "11.5%", "retail_growth", E, E),
            ("进出口总额增长6%左右", "6%", "trade_growth", E, E),
            ("地方一般公共预算收入增长7.5%左右", "7.5%", "fiscal_revenue_growth", E, E),
            ("城镇居民人均可支配收入增长9%左右", "9%", "income_urban_growth", E, E),
            ("农民人均纯收入增长10%左右", "10%", "income_rural_growth", E, E),
            ("涨幅控制在3%左右", "3%", "cpi", E, E),
            ("城镇登记失业率控制在4.5%以内", "4.5%", "unemployment_registered", E, E),
            ("人口自然增长率控制在5.5‰以内", "5.5‰", "population_growth", E, E),
            ("森林覆盖率达36%", "36%", E, E, "proposed: forest_coverage (level)"),
            ("完成国家下达的节能减排任务", "完成国家下达的节能减排任务", E, "delegated", ENERGY_EMISSION),
        ],
    ),
    dict(
        doc="provinces-2026/guangxi-2026.txt",
        level=PV,
        year=2026,
        begin="今年我区经济社会发展主要预期目标是",
        end="减排降碳控制在国家下达目标内。",
        rows=[
            ("经济增长5%左右", "5%", "gdp_growth", E, "经济增长 = GDP growth"),
            ("城镇调查失业率5.5%左右", "5.5%", "unemployment_surveyed", E, E),
            ("涨幅2%以内", "2%", "cpi", E, "居民消费价格指数涨幅"),
            ("居民人均可支配收入和经济增长同步", "居民人均可支配收入和经济增长同步", "income_growth", "sync", E),
            ("粮食产量只增不减", "粮食产量只增不减", "grain_output", "no_decrease", E),
            ("减排降碳控制在国家下达目标内", "减排降碳控制在国家下达目标内", E, "delegated", ENERGY_EMISSION),
        ],
    ),
    # ---------------- city ----------------
    dict(
        doc="reports/city/厦门市/2003.md",
        level=C,
        year=2003,
        begin="2003年经济预期主要目标是",
        end="分别增长10％。",
        rows=[
            ("国内生产总值增长15％", "15％", "gdp_growth", E, "full-width ％"),
            ("财政总收入增长13％", "13％", "fiscal_total_revenue_growth", E, E),
            ("地方级财政收入增长15％", "15％", "fiscal_revenue_growth", E, "其中: the local part of 财政总收入"),
            (
                "分别增长10％",
                "10％",
                "income_urban_growth",
                E,
                "one quantity for 城镇居民人均可支配收入 and 农民人均纯收入 (分别); shares its start with the next row",
            ),
            ("分别增长10％", "10％", "income_rural_growth", E, "same quantity as the previous row"),
        ],
    ),
    dict(
        doc="reports/city/合肥市/2010.md",
        level=C,
        year=2010,
        begin="2010年全市经济社会发展的主要预期目标",
        end="达到省控目标。",
        rows=[
            ("地区生产总值增长12%以上", "12%", "gdp_growth", E, E),
            ("财政收入增长12%", "12%", "fiscal_total_revenue_growth", E, FISCAL_TOTAL),
            ("实际利用外资增长10%", "10%", "fdi", E, "growth rate of 实际利用外资"),
            ("零售总额增长17%", "17%", "retail_growth", E, E),
            ("可支配收入增长8%", "8%", "income_urban_growth", E, E),
            ("纯收入增长9%", "9%", "income_rural_growth", E, "农民人均纯收入"),
            ("失业率控制在4.3%以内", "4.3%", "unemployment_registered", E, E),
            ("人口出生率控制在11‰以内", "11‰", E, E, "proposed: birth_rate (人口出生率, not 自然增长率)"),
            ("居民消费价格指数103左右", "103", "cpi", E, "index form (last year = 100), i.e. ~3% rise; no unit written"),
            (
                "单位GDP能耗下降率及主要污染物减排量达到省控目标",
                "单位GDP能耗下降率及主要污染物减排量达到省控目标",
                "energy_intensity",
                "delegated",
                "one phrase names two indicators; shares its start with the next row",
            ),
            (
                "单位GDP能耗下降率及主要污染物减排量达到省控目标",
                "单位GDP能耗下降率及主要污染物减排量达到省控目标",
                "emissions",
                "delegated",
                "same phrase as the previous row",
            ),
        ],
    ),
    dict(
        doc="reports/city/南京市/2013.md",
        level=C,
        year=2013,
        begin="2013年经济社会发展主要指标是",
        end="居民消费价格指数控制在省定标准。",
        rows=[
            ("地区生产总值增长11%", "11%", "gdp_growth", E, E),
            ("公共财政预算收入增长13%", "13%", "fiscal_revenue_growth", E, E),
            ("地区生产总值比重提高1个百分点", "1个百分点", E, E, "proposed: service_va_share — 服务业增加值占GDP比重, change in points"),
            ("固定资产投资增长15%", "15%", "fai_growth", E, E),
            ("零售总额增长16%", "16%", "retail_growth", E, E),
            ("实际利用外资增长14%", "14%", "fdi", E, "growth rate of 实际利用外资"),
            ("外贸出口增长5%", "5%", "export_growth", E, E),
            ("比重提高0.3个百分点", "0.3个百分点", "rd_intensity", E, "研发经费支出占GDP比重, change in points"),
            ("能耗降低7%以上", "7%", "energy_intensity", E, "万元地区生产总值能耗"),
            (
                "控制在1.55千克以内",
                "1.55千克",
                "emissions",
                E,
                "化学需氧量排放强度 (kg per 万元GDP): an intensity, not a total; maybe a new code pollutant_intensity",
            ),
            ("控制在1.8千克以内", "1.8千克", "emissions", E, "二氧化硫排放强度 (kg per 万元GDP): an intensity, not a total"),
            ("城镇居民人均可支配收入增长13%", "13%", "income_urban_growth", E, E),
            ("农民人均可支配收入增长14%", "14%", "income_rural_growth", E, E),
            ("居民消费价格指数控制在省定标准", "居民消费价格指数控制在省定标准", "cpi", "delegated", E),
        ],
    ),
    dict(
        doc="reports/city/西安市/2019.md",
        level=C,
        year=2019,
        begin="今年全市经济社会发展的主要预期目标为",
        end="主要污染物排放总量削减完成省上下达任务。",
        rows=[
            ("地区生产总值增长7.8%左右", "7.8%", "gdp_growth", E, E),
            ("一般公共预算收入增长6%", "6%", "fiscal_revenue_growth", E, E),
            ("固定资产投资增长7%", "7%", "fai_growth", E, E),
            ("零售总额增长9%", "9%", "retail_growth", E, E),
            ("工业增加值增长8.3%", "8.3%", "industry_va_growth", E, E),
            ("分别增长7%和8%", "7%", "income_urban_growth", E, "城乡常住居民人均可支配收入 分别: urban"),
            ("分别增长7%和8%", "8%", "income_rural_growth", E, "分别: rural"),
            ("失业率控制在4%以内", "4%", "unemployment_registered", E, E),
            ("涨幅控制在3%左右", "3%", "cpi", E, E),
            ("能耗下降2.8%", "2.8%", "energy_intensity", E, "万元生产总值能耗"),
            ("主要污染物排放总量削减完成省上下达任务", "主要污染物排放总量削减完成省上下达任务", "emissions", "delegated", E),
        ],
    ),
    dict(
        doc="reports/city/三门峡市/2021.md",
        level=C,
        year=2021,
        begin="今年经济社会发展的主要预期目标是：生产总值增长8%左右",
        end="节能减排相关指标完成省定目标。",
        rows=[
            ("生产总值增长8%左右", "8%", "gdp_growth", E, E),
            ("工业增加值增长8.5%", "8.5%", "industry_va_growth", E, E),
            ("固定资产投资增长7%", "7%", "fai_growth", E, E),
            ("零售总额增长9.5%", "9.5%", "retail_growth", E, E),
            ("涨幅控制在3%左右", "3%", "cpi", E, E),
            ("一般公共预算收入增长5.5%以上", "5.5%", "fiscal_revenue_growth", E, E),
            ("居民收入稳步增长", "居民收入稳步增长", "income_growth", "positive", E),
            ("城镇化率提高1个百分点左右", "1个百分点", "urbanisation_rate", E, "常住人口城镇化率, change in points"),
            ("研发投入强度达到1.7%", "1.7%", "rd_intensity", E, E),
            ("城镇新增就业3.7万人", "3.7万人", "new_urban_jobs", E, E),
            ("调查失业率控制在5.5%左右", "5.5%", "unemployment_surveyed", E, "written 调查失业率 without 城镇"),
            ("粮食产量保持在10亿斤以上", "10亿斤", "grain_output", E, E),
            ("进出口总值稳定增长", "进出口总值稳定增长", "trade_growth", "positive", E),
            ("节能减排相关指标完成省定目标", "节能减排相关指标完成省定目标", E, "delegated", ENERGY_EMISSION),
        ],
    ),
    dict(
        doc="reports/city/衢州市/2025.md",
        level=C,
        year=2025,
        begin="建议今年全市经济社会发展的主要预期目标为",
        end="城镇调查失业率控制在5%以内。",
        rows=[
            ("生产总值增长6.5%左右", "6.5%", "gdp_growth", E, E),
            ("规上工业增加值增长8%以上", "8%", "industry_va_growth", E, E),
            ("固定资产投资增长8%左右", "8%", "fai_growth", E, E),
            ("零售总额增长6%以上", "6%", "retail_growth", E, E),
            ("一般公共预算收入正增长", "一般公共预算收入正增长", "fiscal_revenue_growth", "positive", E),
            ("居民人均可支配收入与经济增长基本同步", "居民人均可支配收入与经济增长基本同步", "income_growth", "sync", E),
            ("失业率控制在5%以内", "5%", "unemployment_surveyed", E, E),
        ],
    ),
    # ---------------- county ----------------
    dict(
        doc="reports/county/易县-2019.txt",
        level=CO,
        year=2019,
        begin="经济社会发展的主要预期目标是：生产总值增长7%",
        end="完成市下达的节能减排任务目标。",
        rows=[
            ("生产总值增长7%", "7%", "gdp_growth", E, E),
            ("一般公共预算收入可比增长6%", "6%", "fiscal_revenue_growth", E, "可比 (comparable-basis) growth"),
            ("固定资产投资增长7%", "7%", "fai_growth", E, E),
            ("工业增加值增长5.5%", "5.5%", "industry_va_growth", E, E),
            ("零售总额增长9.5%", "9.5%", "retail_growth", E, E),
            ("分别增长7.5%和9%", "7.5%", "income_urban_growth", E, "城乡居民人均可支配收入 分别: urban"),
            ("分别增长7.5%和9%", "9%", "income_rural_growth", E, "分别: rural"),
            ("完成市下达的节能减排任务目标", "完成市下达的节能减排任务目标", E, "delegated", ENERGY_EMISSION),
        ],
    ),
    dict(
        doc="reports/county/曲阳-2022.txt",
        level=CO,
        year=2022,
        begin="今年经济社会发展的主要预期目标是：一般公共预算收入超10亿",
        end="进入全市前列。",
        rows=[
            (
                "一般公共预算收入超10亿",
                "10亿",
                E,
                E,
                "proposed: fiscal_revenue (a level of 一般公共预算收入, 超 = more than; 元 not written)",
            ),
            (
                "PM2.5、PM10平均浓度全省排名退后十",
                "PM2.5、PM10平均浓度全省排名退后十",
                "pm25",
                "rank",
                "relation rank (proposed): leave the province's bottom ten in the PM ranking (退后十 read as 退出后十); shares its span with the next row",
            ),
            (
                "PM2.5、PM10平均浓度全省排名退后十",
                "PM2.5、PM10平均浓度全省排名退后十",
                E,
                "rank",
                "proposed: pm10; same span as the previous row",
            ),
            ("生产总值增长8%以上", "8%", "gdp_growth", E, E),
            ("工业增加值增长9%左右", "9%", "industry_va_growth", E, E),
            ("固定资产投资增长8%左右", "8%", "fai_growth", E, E),
            ("零售总额增长8.5%左右", "8.5%", "retail_growth", E, E),
            ("进出口总值增长5%左右", "5%", "trade_growth", E, E),
            ("实际利用外资增长5%左右", "5%", "fdi", E, "growth rate of 实际利用外资"),
            ("可支配收入增长8.5%左右", "8.5%", "income_growth", E, "城乡居民人均可支配收入, one figure for both"),
            (
                "主要经济指标总量（增速）进入全市前列",
                "主要经济指标总量（增速）进入全市前列",
                E,
                "rank",
                "proposed: economic_ranking; stretch (力争): among the top counties of 保定市",
            ),
        ],
    ),
    dict(
        doc="reports/county/涞源-2025.txt",
        level=CO,
        year=2025,
        begin="经济社会发展的主要预期目标是：地区生产总值增长6%以上",
        end="能耗及排放等约束性指标完成省市目标任务。",
        rows=[
            ("地区生产总值增长6%以上", "6%", "gdp_growth", E, E),
            ("一般公共预算收入增长6%左右", "6%", "fiscal_revenue_growth", E, E),
            ("工业增加值增长6%以上", "6%", "industry_va_growth", E, E),
            ("固定资产投资增长8%以上", "8%", "fai_growth", E, E),
            ("零售总额增长6%以上", "6%", "retail_growth", E, E),
            ("居民人均可支配收入增长6%以上", "6%", "income_growth", E, E),
            ("粮食总产量稳定在3.8亿斤以上", "3.8亿斤", "grain_output", E, E),
            ("能耗及排放等约束性指标完成省市目标任务", "能耗及排放等约束性指标完成省市目标任务", E, "delegated", ENERGY_EMISSION),
        ],
    ),
]


def read(doc):
    with open(CORPUS / doc, encoding="utf-8-sig") as f:
        return f.read()


def passage(text, rep):
    b = rep["begin"]
    assert text.count(b) == 1, (rep["doc"], "passage start not unique", b, text.count(b))
    s = text.find(b)
    e = text.find(rep["end"], s)
    assert e > s, (rep["doc"], "passage end not found", rep["end"])
    e += len(rep["end"])
    assert "\n" not in text[s:e].replace("\\r\\n", ""), (rep["doc"], "passage spans a line break")
    return s, e


def build():
    rows = []
    for rep in REPORTS:
        text = read(rep["doc"])
        ps, pe = passage(text, rep)
        ptext = text[ps:pe]
        for ctx, q, code, rel, note in rep["rows"]:
            assert ptext.count(ctx) == 1, (rep["doc"], "context not unique in passage", ctx, ptext.count(ctx))
            assert ctx.count(q) == 1, (rep["doc"], "quantity not once in context", q, ctx)
            start = ps + ptext.find(ctx) + ctx.find(q)
            assert text[start : start + len(q)] == q
            if rel == "":  # a numeric target: a number, no comparator words in the span
                assert NUMERAL.search(q), (rep["doc"], q, "no relation but no number")
                assert not any(w in q for w in COMPARATOR_WORDS), (rep["doc"], q)
            else:
                assert rel in RELATIONS, (rep["doc"], q, rel)
            if code:
                assert code in CODES, (rep["doc"], code)
            else:
                assert "proposed:" in note, (rep["doc"], q, "empty code needs a proposed code in note")
            for field in (q, code, rel, note):
                assert "\t" not in field and "\n" not in field
            rows.append((rep["doc"], start, q, code, rel, note))
        starts = [r[1] for r in rows if r[0] == rep["doc"]]
        assert starts == sorted(starts), (rep["doc"], "rows out of text order")
    return rows


def check_coverage():
    lv = Counter(r["level"] for r in REPORTS)
    assert len(REPORTS) == 18 and lv[N] >= 4 and lv[PV] >= 5 and lv[C] >= 6 and lv[CO] >= 3, lv
    yrs = [r["year"] for r in REPORTS]
    assert sum(1990 <= y <= 2004 for y in yrs) >= 2
    assert sum(2005 <= y <= 2014 for y in yrs) >= 4
    assert sum(2015 <= y <= 2026 for y in yrs) >= 6


HEADER = """\
# Hand-annotated headline targets (主要预期目标 / 主要目标 / 调控目标 passages) of 18 reports.
# Made by reading the reports, never from gzbg output; written and verified by
# build_indicator_gold.py (text[start:start+len(quantity)] == quantity, file read as utf-8-sig).
# doc: path under shared/corpus; start: Python str index of the first character of quantity.
# quantity: numeric targets = the number with multiplier and unit, no comparator words;
#   targets without a number = the shortest verbatim phrase stating them (relation set).
# One row per target; a quantity that serves two indicators (分别 with one figure, one phrase
#   naming two indicators) gives two rows with the same start.
# indicator codes: {codes}
# empty indicator = no code fits; the note then says 'proposed: <code>'.
# relation (non-numeric only): sync positive above_parent delegated no_decrease keep_stable,
#   plus proposed here: improve (qualitative betterment), decrease (down, no number), rank (ranking target).
"""


def render(rows):
    out = [HEADER.format(codes=" ".join(sorted(CODES)))]
    out.append("\t".join(COLS) + "\n")
    for r in rows:
        out.append("\t".join(str(x) for x in r) + "\n")
    return "".join(out)


def verify_file(path):
    n = 0
    with open(path, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if not line.startswith("#")]
    assert lines[0].split("\t") == COLS
    for line in lines[1:]:
        doc, start, q, code, rel, note = line.split("\t")
        text = read(doc)
        assert text[int(start) : int(start) + len(q)] == q, (doc, start, q)
        n += 1
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="verify the existing TSV instead of writing it")
    args = ap.parse_args()
    check_coverage()
    rows = build()
    content = render(rows)
    if args.check:
        assert OUT.read_text(encoding="utf-8") == content, "headline-indicators.tsv differs from the script's data"
    else:
        OUT.write_text(content, encoding="utf-8")
    n = verify_file(OUT)
    per = Counter(r[0] for r in rows)
    for rep in REPORTS:
        print(f"{per[rep['doc']]:3d}  {rep['level']:8s} {rep['year']}  {rep['doc']}")
    print(f"{n} rows verified in {OUT.name}")


if __name__ == "__main__":
    sys.exit(main())
