#!/usr/bin/env python3
"""Build the hand-annotated gold files for hebei-2026.txt.

Every row below was decided by reading the text by hand (see GUIDE.md).
Each row gives a context string that occurs exactly once in the text and
contains the item; the offsets are computed from it and verified.
Run:  python3 build_hebei_gold.py   (writes the two TSV files next to it)
"""
import os
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
TEXT = open(os.path.join(HERE, "hebei-2026.txt"), encoding="utf-8").read()

MULT = {"": 1, "万": 10**4, "亿": 10**8, "万亿": 10**12}

# (context, item, number-as-written, multiplier, value_max, unit, comparator,
#  role, period, measure, direction, metric, expected plain value)
Q = [
    # ---- review: the five years (十四五) ----
    ("从2020年的3.68万亿元增长到", "3.68万亿元", "3.68", "万亿", "", "元", "=", "target", "review", "level", "", "全省生产总值", "3680000000000"),
    ("到2025年的4.93万亿元", "4.93万亿元", "4.93", "万亿", "", "元", "=", "target", "review", "level", "", "全省生产总值", "4930000000000"),
    ("从3826.5亿元增长到", "3826.5亿元", "3826.5", "亿", "", "元", "=", "target", "review", "level", "", "一般公共预算收入", "382650000000"),
    ("增长到4398.6亿元", "4398.6亿元", "4398.6", "亿", "", "元", "=", "target", "review", "level", "", "一般公共预算收入", "439860000000"),
    ("年均增长6.5%", "6.5%", "6.5", "", "", "%", "=", "target", "review", "growth", "up", "规上工业增加值", "6.5"),
    ("突破1.5万亿元", "1.5万亿元", "1.5", "万亿", "", "元", ">", "target", "review", "level", "", "社会消费品零售总额", "1500000000000"),
    ("稳定在760亿斤以上", "760亿斤", "760", "亿", "", "斤", ">=", "target", "review", "level", "", "粮食产量", "76000000000"),
    ("达到9000公里", "9000公里", "9000", "", "", "公里", "=", "target", "review", "level", "", "高速公路总里程", "9000"),
    ("突破12亿吨", "12亿吨", "12", "亿", "", "吨", ">", "target", "review", "level", "", "港口通过能力", "1200000000"),
    ("5300多栋楼宇", "5300多栋", "5300", "", "", "栋", ">", "target", "review", "amount", "", "楼宇", "5300"),
    ("比率接近80%", "80%", "80", "", "", "%", "~", "target", "review", "level", "", "优良天数比率", "80"),
    ("子公司超800家", "800家", "800", "", "", "家", ">", "target", "review", "amount", "", "央企二、三级子公司", "800"),
    ("从0.94万家增加到", "0.94万家", "0.94", "万", "", "家", "=", "target", "review", "level", "", "国家级高新技术企业", "9400"),
    ("增加到1.55万家", "1.55万家", "1.55", "万", "", "家", "=", "target", "review", "level", "", "国家级高新技术企业", "15500"),
    ("达到2.8万家", "2.8万家", "2.8", "万", "", "家", "=", "target", "review", "level", "", "科技型中小企业", "28000"),
    ("年均增长超10%", "10%", "10", "", "", "%", ">", "target", "review", "growth", "up", "全社会研发投入", "10"),
    ("8家全国重点实验室", "8家", "8", "", "", "家", "=", "target", "review", "amount", "", "全国重点实验室", "8"),
    ("增长5.1倍", "5.1倍", "5.1", "", "", "倍", "=", "target", "review", "growth", "up", "新能源汽车产量", "5.1"),
    ("13个大模型", "13个", "13", "", "", "个", "=", "target", "review", "amount", "", "大模型", "13"),
    ("提高到25.5%", "25.5%", "25.5", "", "", "%", "=", "target", "review", "level", "", "高新技术产业增加值占规上工业比重", "25.5"),
    ("净增231万户", "231万户", "231", "万", "", "户", "=", "target", "review", "amount", "", "经营主体", "2310000"),
    ("增长53.1%", "53.1%", "53.1", "", "", "%", "=", "target", "review", "growth", "up", "进出口总值", "53.1"),
    ("累计下降27.4%", "27.4%", "27.4", "", "", "%", "=", "target", "review", "growth", "down", "PM2.5平均浓度", "27.4"),
    ("营造林3195万亩", "3195万亩", "3195", "万", "", "亩", "=", "target", "review", "amount", "", "营造林", "31950000"),
    ("开采量21.5亿立方米", "21.5亿立方米", "21.5", "亿", "", "立方米", "=", "target", "review", "change", "down", "地下水开采量", "2150000000"),
    ("由47.6%提升至", "47.6%", "47.6", "", "", "%", "=", "target", "review", "level", "", "可再生能源占电力装机比重", "47.6"),
    ("提升至73.4%", "73.4%", "73.4", "", "", "%", "=", "target", "review", "level", "", "可再生能源占电力装机比重", "73.4"),
    ("保持在80%以上", "80%", "80", "", "", "%", ">=", "target", "review", "level", "", "财政民生支出占比", "80"),
    ("从27136元增长到", "27136元", "27136", "", "", "元", "=", "target", "review", "level", "", "居民人均可支配收入", "27136"),
    ("增长到36439元", "36439元", "36439", "", "", "元", "=", "target", "review", "level", "", "居民人均可支配收入", "36439"),
    ("新增就业452万人", "452万人", "452", "万", "", "人", "=", "target", "review", "amount", "", "城镇新增就业", "4520000"),
    # ---- review: 2025 ----
    ("生产总值增长5.6%，一般", "5.6%", "5.6", "", "", "%", "=", "target", "review", "growth", "up", "全省生产总值", "5.6"),
    ("收入增长2%，规上", "2%", "2", "", "", "%", "=", "target", "review", "growth", "up", "一般公共预算收入", "2"),
    ("增加值增长7.9%", "7.9%", "7.9", "", "", "%", "=", "target", "review", "growth", "up", "规上工业增加值", "7.9"),
    ("投资增长6.1%", "6.1%", "6.1", "", "", "%", "=", "target", "review", "growth", "up", "固定资产投资", "6.1"),
    ("总额增长5.6%，主要", "5.6%", "5.6", "", "", "%", "=", "target", "review", "growth", "up", "社会消费品零售总额", "5.6"),
    # ---- plan: 2026 main expected targets ----
    ("生产总值增长5%以上", "5%", "5", "", "", "%", ">=", "target", "plan", "growth", "up", "地区生产总值", "5"),
    ("收入增长2%左右", "2%", "2", "", "", "%", "~", "target", "plan", "growth", "up", "一般公共预算收入", "2"),
    ("增加值增长5.5%左右", "5.5%", "5.5", "", "", "%", "~", "target", "plan", "growth", "up", "规上工业增加值", "5.5"),
    ("投资增长5.5%左右", "5.5%", "5.5", "", "", "%", "~", "target", "plan", "growth", "up", "固定资产投资", "5.5"),
    ("总额增长5%左右", "5%", "5", "", "", "%", "~", "target", "plan", "growth", "up", "社会消费品零售总额", "5"),
    ("支配收入增长5%左右", "5%", "5", "", "", "%", "~", "target", "plan", "growth", "up", "居民人均可支配收入", "5"),
    ("价格涨幅2%左右", "2%", "2", "", "", "%", "~", "target", "plan", "growth", "up", "居民消费价格", "2"),
    ("控制在5.5%左右", "5.5%", "5.5", "", "", "%", "~", "target", "plan", "level", "", "城镇调查失业率", "5.5"),
    # ---- plan: 2026 tasks ----
    ("物流中心44个", "44个", "44", "", "", "个", "=", "target", "plan", "amount", "", "县域快递物流中心", "44"),
    ("打造10个“数字领航”", "10个", "10", "", "", "个", "=", "target", "plan", "amount", "", "数字领航企业", "10"),
    ("100个先进级智能工厂", "100个", "100", "", "", "个", "=", "target", "plan", "amount", "", "先进级智能工厂", "100"),
    ("绿色工厂100家", "100家", "100", "", "", "家", "=", "target", "plan", "amount", "", "绿色工厂", "100"),
    ("新增就业86万人", "86万人", "86", "万", "", "人", "=", "target", "plan", "amount", "", "城镇新增就业", "860000"),
    ("完成500所中小学", "500所", "500", "", "", "所", "=", "target", "plan", "amount", "", "中小学体育场地", "500"),
    ("抓好1万名乡村医生", "1万名", "1", "万", "", "名", "=", "target", "plan", "amount", "", "乡村医生", "10000"),
    ("服务中心400家", "400家", "400", "", "", "家", "=", "target", "plan", "amount", "", "标准化乡镇养老服务中心", "400"),
    ("营造林600万亩", "600万亩", "600", "万", "", "亩", "=", "target", "plan", "amount", "", "营造林", "6000000"),
]

# (context, item, reason)
N = [
    # title / chrome
    ("2026年河北省政府工作报告", "2026年", "year"),
    ("——2026年1月26日", "2026年", "year"),
    ("2026年1月26日在", "1月26日", "date"),
    ("河北省第十四届人民", "第十四届", "ordinal"),
    ("大会第四次会议", "第四次", "ordinal"),
    ("时间：2026-02-02", "2026-02-02", "date"),
    # review part
    ("一、“十四五”时期", "十四五", "slogan"),
    ("过去五年，是极不寻常", "五年", "year"),
    ("极不平凡的五年", "五年", "year"),
    ("圆满完成“十四五”规划", "十四五", "slogan"),
    ("这五年，高质量", "五年", "year"),
    ("生产总值从2020年的", "2020年", "year"),
    ("增长到2025年的", "2025年", "year"),
    ("实现万亿级跃升", "万亿级", "level"),
    ("办成了一批多年", "一批", "idiom"),
    ("等一批重大工程", "一批", "idiom"),
    ("这五年，雄安", "五年", "year"),
    ("“四纵三横”", "四纵三横", "quoted-name"),
    ("翔集，一幅现代化", "一幅", "idiom"),
    ("接近80%，“六链五群”", "六链五群", "quoted-name"),
    ("引进央企二、三级", "二", "level"),
    ("央企二、三级子公司", "三级", "level"),
    ("廊坊北三县", "北三县", "name"),
    ("北三县一体化", "一体化", "idiom"),
    ("这五年，创新", "五年", "year"),
    ("技术发明一等奖", "一等奖", "level"),
    ("实现零的突破", "零的突破", "idiom"),
    ("成长为万亿级产业", "万亿级", "level"),
    ("算力指数全国第一", "第一", "ordinal"),
    ("集群数量全国第二", "第二", "ordinal"),
    ("这五年，改革", "五年", "year"),
    ("成功争取一批国家", "一批", "idiom"),
    ("“高效办成一件事”惠及", "高效办成一件事", "quoted-name"),
    ("万户，一批创业者", "一批", "idiom"),
    ("共建“一带一路”取得", "一带一路", "quoted-name"),
    ("稳居世界第二", "第二", "ordinal"),
    ("这五年，生态", "五年", "year"),
    ("全省PM2.5平均", "PM2.5", "name"),
    ("全部“退后十”", "退后十", "quoted-name"),
    ("数量均居全国第一", "第一", "ordinal"),
    ("总规模全国第一", "第一", "ordinal"),
    ("这五年，民生", "五年", "year"),
    ("焕然一新", "焕然一新", "idiom"),
    ("青少年、老龄、残疾人、红十字", "红十字", "name"),
    ("刚刚过去的2025年", "2025年", "year"),
    ("千方百计稳增长", "千方百计", "idiom"),
    ("实施“两重”", "两重", "quoted-name"),
    ("“两新”政策", "两新", "quoted-name"),
    ("过去五年，我们扎实", "五年", "year"),
    ("贯彻中央八项规定精神学习", "八项规定", "slogan"),
    ("回顾过去的五年", "五年", "year"),
    ("交出了一份", "一份", "idiom"),
    ("每一点积极进步", "一点", "idiom"),
    ("每一处可喜变化", "一处", "idiom"),
    ("面临一些困难", "一些", "idiom"),
    ("忽视，一些政府", "一些", "idiom"),
    # 十五五 part
    ("二、“十五五”时期", "十五五", "slogan"),
    ("目标任务\n“十五五”时期是", "十五五", "slogan"),
    ("的关键五年", "五年", "year"),
    ("党的二十届四中全会", "二十届", "level"),
    ("二十届四中全会", "四中全会", "ordinal"),
    ("省委“十五五”规划", "十五五", "slogan"),
    ("第十五个五年规划纲要", "第十五个五年规划", "quoted-name"),
    ("审查。\n“十五五”时期我省", "十五五", "slogan"),
    ("“三个代表”", "三个代表", "quoted-name"),
    ("党的二十大", "二十大", "level"),
    ("二十大和二十届历次", "二十届", "level"),
    ("“五位一体”", "五位一体", "quoted-name"),
    ("“四个全面”", "四个全面", "quoted-name"),
    ("进展。\n“十五五”时期经济社会发展的主要目标", "十五五", "slogan"),
    ("未来五年是", "五年", "year"),
    ("迭代。一体推进", "一体推进", "idiom"),
    ("攻克一批行业", "一批", "idiom"),
    ("千行百业", "千行百业", "idiom"),
    ("推进“六链五群”建设", "六链五群", "quoted-name"),
    ("国际化一流营商", "一流", "idiom"),
    ("“两个毫不动摇”", "两个毫不动摇", "quoted-name"),
    ("“五篇大文章”", "五篇大文章", "quoted-name"),
    ("共建“一带一路”。向海", "一带一路", "quoted-name"),
    ("将成为“十五五”发展", "十五五", "slogan"),
    ("一张蓝图绘到底", "一张蓝图", "idiom"),
    ("用好两个市场", "两个市场", "enumeration"),
    ("两个市场两种资源", "两种资源", "enumeration"),
    # 2026 part
    ("三、2026年主要工作", "2026年", "year"),
    ("今年是“十五五”起步", "十五五", "slogan"),
    ("确保“十五五”良好开局", "十五五", "slogan"),
    ("重点做好六个方面工作", "六个方面", "enumeration"),
    ("办好第三届雄安", "第三届", "ordinal"),
    ("地表水Ⅲ类", "Ⅲ类", "level"),
    ("社保卡“一卡通”", "一卡通", "quoted-name"),
    ("“一刻钟便民生活圈”", "一刻钟便民生活圈", "quoted-name"),
    ("引进一批龙头企业", "一批", "idiom"),
    ("突破一批关键核心技术", "一批", "idiom"),
    ("新增一批专精特新", "一批", "idiom"),
    ("实施新一轮重点产业链", "一轮", "idiom"),
    ("推出一批“高效", "一批", "idiom"),
    ("推出一批“高效办成一件事”事项", "高效办成一件事", "quoted-name"),
    ("共建“一带一路”经贸", "一带一路", "quoted-name"),
    ("做好第四次全国农业普查", "第四次", "ordinal"),
    ("唐山“三个努力建成”", "三个努力建成", "quoted-name"),
    ("传承。一体推进兴业", "一体推进", "idiom"),
    ("办好第17届省运会", "第17届", "ordinal"),
    ("质量“退后十”成果", "退后十", "quoted-name"),
    ("抓好“三北”六期", "三北", "quoted-name"),
    ("“三北”六期", "六期", "level"),
    ("首都“两区”建设", "两区", "quoted-name"),
    ("守护好万家灯火", "万家灯火", "idiom"),
    ("编制实施新一轮中长期", "一轮", "idiom"),
    ("老龄、残疾人、红十字等工作", "红十字", "name"),
    ("“两个确立”", "两个确立", "quoted-name"),
    ("“两个维护”", "两个维护", "quoted-name"),
    ("落实中央八项规定精神，扎实", "八项规定", "slogan"),
    ("基层“三保”底线", "三保", "quoted-name"),
]


def locate(ctx, item):
    n = TEXT.count(ctx)
    assert n == 1, (ctx, n)
    c = TEXT.find(ctx)
    k = ctx.count(item)
    assert k >= 1, (ctx, item)
    # if the item occurs more than once inside the context, take the first
    start = c + ctx.find(item)
    end = start + len(item)
    assert TEXT[start:end] == item
    return start, end


def fmt(d):
    s = format(d.normalize(), "f")
    return s


def main():
    qrows, seen = [], set()
    for (ctx, item, num, mult, vmax, unit, comp, role, period, measure,
         direction, metric, expected) in Q:
        start, end = locate(ctx, item)
        assert (start, end) not in seen, item
        seen.add((start, end))
        assert num in item and unit in item or unit == "" or unit == "%", (item, unit)
        value = fmt(Decimal(num) * MULT[mult])
        assert value == expected, (item, value, expected)
        assert comp in {"=", ">", ">=", "<", "<=", "~"}
        assert role in {"target", "qualifier"}
        assert period in {"review", "plan"}
        assert measure in {"growth", "change", "level", "amount"}
        assert direction in {"", "up", "down"}
        assert metric and all(ch not in metric.replace("PM2.5", "") for ch in "0123456789")
        qrows.append((start, end, item, value, vmax, unit, comp, role, period,
                      measure, direction, metric))
    nrows = []
    reasons = {"year", "date", "ordinal", "quoted-name", "slogan", "level",
               "programme", "name", "idiom", "enumeration",
               "per-unit-denominator"}
    for ctx, item, reason in N:
        start, end = locate(ctx, item)
        assert reason in reasons, reason
        for (s, e) in seen:
            assert e <= start or end <= s, ("overlap", item)
        assert (start, end) not in seen, item
        seen.add((start, end))
        nrows.append((start, end, item, reason))
    qrows.sort()
    nrows.sort()

    with open(os.path.join(HERE, "hebei-2026.quantities.tsv"), "w",
              encoding="utf-8") as f:
        f.write("# Gold quantities for hebei-2026.txt (河北省2026年政府工作报告), annotated by hand per GUIDE.md.\n")
        f.write("# Generated by build_hebei_gold.py; offsets are Python str indices into the UTF-8 text.\n")
        f.write("start\tend\tquantity\tvalue\tvalue_max\tunit\tcomparator\trole\tperiod\tmeasure\tdirection\tmetric\n")
        for r in qrows:
            f.write("\t".join(str(x) for x in r) + "\n")
    with open(os.path.join(HERE, "hebei-2026.nonquantities.tsv"), "w",
              encoding="utf-8") as f:
        f.write("# Gold non-quantities for hebei-2026.txt: numerals that must produce no quantity row (GUIDE.md).\n")
        f.write("# Generated by build_hebei_gold.py; offsets are Python str indices into the UTF-8 text.\n")
        f.write("start\tend\ttext\treason\n")
        for r in nrows:
            f.write("\t".join(str(x) for x in r) + "\n")
    nrev = sum(1 for r in qrows if r[8] == "review")
    print(f"quantities: {len(qrows)} (review {nrev}, plan {len(qrows) - nrev}); "
          f"non-quantities: {len(nrows)}")


if __name__ == "__main__":
    main()
