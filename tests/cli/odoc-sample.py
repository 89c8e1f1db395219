#!/usr/bin/python3
# odoc-sample.py - write the JSON of a sample official document for
# `pingxuan odoc` (tests/cli/t1310-odoc.sh): a quality-month bulletin of
# UNITS units with ACTIVITIES activities each, a late-units table, one image.
#   odoc-sample.py OUT.json IMAGE [UNITS [ACTIVITIES]]
import json
import sys

out, image = sys.argv[1], sys.argv[2]
units = int(sys.argv[3]) if len(sys.argv) > 3 else 26
acts = int(sys.argv[4]) if len(sys.argv) > 4 else 10
focus = ['质量宣传', '质量提升', '质量整治', '群众性质量活动']
num = '一二三四五六七八九十'
blocks = [
    {'kind': 'para', 'text': '按照《深圳市2015年“质量月”活动方案》（深质强办〔2015〕17号）的部署，'
     '全市各成员单位和各区（新区）围绕“质量成就未来”的主题，组织开展了质量宣传、质量提升、'
     '质量整治和群众性质量活动。现将活动开展情况通报如下。'},
    {'kind': 'heading1', 'text': '一、总体情况'},
    {'kind': 'para', 'text': f'本次质量月活动共有{units}个单位参加，计划开展活动{units * acts}项，'
     f'实际开展{units * acts - 3}项，参与群众约12.6万人次，媒体报道236篇。'},
    {'kind': 'image', 'path': image},
    {'kind': 'heading1', 'text': '二、各单位活动开展情况'},
]
for u in range(units):
    blocks.append({'kind': 'heading2', 'text': f'（{u + 1}）第{u + 1}参与单位'})
    for a in range(acts):
        blocks.append({'kind': 'para', 'text': f'{a + 1}．{focus[a % 4]}活动：2015年9月{a + 1}日在市民中心广场举办'
                       f'“质量成就未来”主题宣传活动，设置咨询台{a + 3}个，发放宣传资料{(a + 1) * 120}份，'
                       f'现场接受群众咨询{(a + 2) * 37}人次，深圳特区报、深圳电视台等媒体进行了报道。'})
rows = [[str(i + 1), f'第{i + 1}参与单位', '2015-10-15', '迟报' if i % 5 == 0 else '按时', ''] for i in range(26)]
blocks += [
    {'kind': 'heading1', 'text': '三、迟报和未报单位'},
    {'kind': 'table', 'head': ['序号', '单位', '截止日期', '报送情况', '备注'], 'rows': rows},
    {'kind': 'heading1', 'text': '四、下一步工作'},
    {'kind': 'para', 'text': '各单位要认真总结质量月活动经验，建立质量宣传长效机制，推动质量强市工作深入开展。'},
]
doc = {'issuer': '深圳市质量强市工作领导小组办公室', 'number': '深质强办〔2015〕21号',
       'title': '关于2015年深圳市“质量月”活动开展情况的通报',
       'recipients': '市质量强市工作领导小组各成员单位，各区政府（新区管委会）', 'blocks': blocks,
       'signer': '深圳市质量强市工作领导小组办公室', 'date': '2015-10-30',
       'cc': '市委办公厅，市政府办公厅，市人大常委会办公厅，市政协办公厅，省质量技术监督局，各新闻单位',
       'printer': '深圳市质量强市工作领导小组办公室', 'printed': '2015-10-30'}
with open(out, 'w', encoding='utf-8') as f:
    json.dump(doc, f, ensure_ascii=False, indent=1)
