#!/usr/bin/env python3
"""Build the hand-made gold files for samples/xinxiang-2026-excerpt.txt.

Every row below was decided by reading the text by hand (not from gzbg output).
Each row holds a context string that must occur exactly once in the text and the
item inside it; offsets are computed with str.find and verified.
Run: python3 tests/gold/build_xinxiang_gold.py [OUT_DIR]   (writes the two TSV files next to it, or into OUT_DIR)
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldbuild  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(goldbuild.HERE))
NAME = "xinxiang-2026-excerpt"
TEXT = goldbuild.read_text(os.path.join(ROOT, "samples", NAME + ".txt"))

P = "plan"
# (context, item, value, value_max, unit, comparator, role, period, measure, direction, metric)
QUANTITIES = [
    # 加快建设现代化人民城市
    ("扎实推进56个老旧小区", "56个", "56", "", "个", "=", "target", P, "amount", "", "老旧小区"),
    ("35个城中村(棚户区)改造", "35个", "35", "", "个", "=", "target", P, "amount", "", "城中村(棚户区)"),
    ("至少建成2个以上完整社区", "2个", "2", "", "个", ">=", "target", P, "amount", "", "完整社区"),
    ("等17个排水防涝项目", "17个", "17", "", "个", "=", "target", P, "amount", "", "排水防涝项目"),
    ("地下管网120公里以上", "120公里", "120", "", "公里", ">=", "target", P, "amount", "", "地下管网"),
    ("新增绿化15公顷以上", "15公顷", "15", "", "公顷", ">=", "target", P, "amount", "", "绿化"),
    # 大力发展县域经济
    ("至少实施1个投资", "1个", "1", "", "个", ">=", "target", P, "amount", "", "先进制造业项目"),
    ("投资30亿元以上的先进制造业项目", "30亿元", "3000000000", "", "元", ">=", "qualifier", P, "level", "", "先进制造业项目"),
    # 提升农业综合生产能力
    ("持续推进36.9万亩高标准农田", "36.9万亩", "369000", "", "亩", "=", "target", P, "amount", "", "高标准农田"),
    ("新开工20万亩", "20万亩", "200000", "", "亩", "=", "target", P, "amount", "", "高标准农田"),
    ("建成4个粮油作物", "4个", "4", "", "个", "=", "target", P, "amount", "", "粮油作物单产提升整建制推进县"),
    ("农田沟渠2300公里以上", "2300公里", "2300", "", "公里", ">=", "target", P, "amount", "", "农田沟渠"),
    # 提升乡村富民产业能级
    ("培育壮大7大产业集群", "7大", "7", "", "个", "=", "target", P, "amount", "", "产业集群"),
    ("和20条乡村富民产业链", "20条", "20", "", "条", "=", "target", P, "amount", "", "乡村富民产业链"),
    ("农业产业链5条以上", "5条", "5", "", "条", ">=", "target", P, "amount", "", "农业产业链"),
    ("豫农优品20个以上", "20个", "20", "", "个", ">=", "target", P, "amount", "", "全国名特优新农产品、绿色食品、豫农优品"),
    ("龙头企业15家", "15家", "15", "", "家", "=", "target", P, "amount", "", "市级以上农业产业化龙头企业"),
    ("稳定在3.5万家以上", "3.5万家", "35000", "", "家", ">=", "target", P, "level", "", "新型农业经营主体"),
    # 提升和美乡村建设水平
    ("农村公路200公里以上", "200公里", "200", "", "公里", ">=", "target", P, "amount", "", "农村公路"),
    ("和美村100个", "100个", "100", "", "个", "=", "target", P, "amount", "", "和美村"),
    ("富美村200个", "200个", "200", "", "个", "=", "target", P, "amount", "", "富美村"),
    ("洁美村300个以上", "300个", "300", "", "个", ">=", "target", P, "amount", "", "洁美村"),
    # 强化污染防治攻坚
    ("年产1亿标块以下", "1亿标块", "100000000", "", "标块", "<=", "qualifier", P, "level", "", "烧结砖生产线"),
    ("淘汰关停10台燃煤锅炉", "10台", "10", "", "台", "=", "target", P, "amount", "", "燃煤锅炉"),
    # 强化生态保护修复
    ("完成造林1万亩以上", "1万亩", "10000", "", "亩", ">=", "target", P, "amount", "", "造林"),
    # 强化绿色低碳发展
    ("(园区)10家以上", "10家", "10", "", "家", ">=", "target", P, "amount", "", "省级绿色制造企业(园区)"),
    # 促进高质量充分就业
    ("就业帮扶率达到95%以上", "95%", "95", "", "%", ">=", "target", P, "level", "", "就业帮扶率"),
    ("职业技能培训13万人次以上", "13万人次", "130000", "", "人次", ">=", "target", P, "amount", "", "职业技能培训"),
    ("高技能人才1.5万人以上", "1.5万人", "15000", "", "人", ">=", "target", P, "amount", "", "高技能人才"),
    # 办好人民满意的教育
    ("在园幼儿占比55%以上", "55%", "55", "", "%", ">=", "target", P, "level", "", "公办幼儿园在园幼儿占比"),
    # 更好关爱“一老一小”
    ("推动60%以上的县级特困供养机构", "60%", "60", "", "%", ">=", "target", P, "level", "", "县级特困供养机构"),
    # 防范经济领域风险
    ("完成剩余5家融资平台", "5家", "5", "", "家", "=", "target", P, "amount", "", "融资平台"),
]

# (context, text, reason)
NONQUANTITIES = [
    ("(上接第二版)", "第二版", "ordinal"),
    ("新一代信息技术", "新一代", "idiom"),
    ("建设一批具有承接转移功能", "一批", "idiom"),
    ("“四好”", "四好", "quoted-name"),
    ("构建一刻钟便民生活圈", "一刻钟便民生活圈", "slogan"),
    ("供排水一体化建设", "一体化", "idiom"),
    ("“四进社区”", "四进社区", "quoted-name"),
    ("“三位一体”", "三位一体", "quoted-name"),
    ("“三方协调”", "三方协调", "quoted-name"),
    ("新获一体发展", "一体", "idiom"),
    ("冲刺千亿县", "千亿县", "level"),
    ("实施一批设备更新改造项目", "一批", "idiom"),
    ("打造百亿级农业产业链", "百亿级", "level"),
    ("“三资”", "三资", "quoted-name"),
    ("“千万工程”", "千万工程", "quoted-name"),
    ("“三通一规范”", "三通一规范", "quoted-name"),
    ("“5+1”", "5+1", "quoted-name"),
    ("原阳县第二污水处理厂", "第二污水处理厂", "ordinal"),
    ("一体建设美丽幸福河湖", "一体", "idiom"),
    ("医疗中心二期建设", "二期", "level"),
    ("河南医药大学一附院", "一附院", "ordinal"),
    ("“三医”", "三医", "quoted-name"),
    ("“15分钟健身圈”", "15分钟健身圈", "quoted-name"),
    ("全国统筹制度三年提质行动", "三年提质行动", "programme"),
    ("“两项补贴”", "两项补贴", "quoted-name"),
    ("“一老一小”", "一老一小", "quoted-name"),
    ("城乡的三级养老服务网络", "三级", "level"),
    ("供养机构三级达标", "三级", "level"),
    ("产康一体化服务", "一体化", "idiom"),
    ("市县两级公共图书馆", "两级", "level"),
    ("“四馆”", "四馆", "quoted-name"),
    ("加快第四次全", "第四次", "ordinal"),
    ("治本攻坚三年行动收官战", "三年行动", "programme"),
    ("“一件事”", "一件事", "quoted-name"),
    ("“三公”", "三公", "quoted-name"),
    ("和一般性支出", "一般性", "idiom"),
    ("“三保”", "三保", "quoted-name"),
    ("红十字会等更好发挥作用", "红十字会", "name"),
    ("“两个确立”", "两个确立", "quoted-name"),
    ("“两个维护”", "两个维护", "quoted-name"),
    ("一抓到底的韧劲", "一抓到底", "idiom"),
    ("中央八项规定", "八项规定", "enumeration"),
    ("五年看头年", "五年", "idiom"),
]

HEADER = (
    [
        "# Gold quantities for samples/xinxiang-2026-excerpt.txt (hand-annotated per tests/gold/GUIDE.md).",
        "# Generated by tests/gold/build_xinxiang_gold.py; offsets are Python str indices. All rows are plan text.",
    ],
    [
        "# Gold non-quantities for samples/xinxiang-2026-excerpt.txt (hand-annotated per tests/gold/GUIDE.md).",
        "# Numerals that must produce no quantity row. Generated by tests/gold/build_xinxiang_gold.py.",
    ],
)


def main(out_dir=None):
    return goldbuild.build(
        TEXT,
        QUANTITIES,
        NONQUANTITIES,
        name=NAME,
        header=HEADER,
        out_dir=out_dir,
        report=lambda q, n: f"{len(q)} quantities, {len(n)} non-quantities",
    )


if __name__ == "__main__":
    main(goldbuild.out_dir_arg(__doc__))
