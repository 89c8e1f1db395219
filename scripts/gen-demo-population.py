#!/usr/bin/env python3
"""Generate data/demo/qingyuan-2025-population.json: the fictional applicants
and experts of the Qingyuan 2025 demo. Deterministic (fixed seed). Every
unified social credit code and resident ID number is synthetic but carries a
valid check character; no real organisation or person is meant."""
import json, random

random.seed(20250917)
ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

OW = [3, 7, 9, 10, 5, 8, 4, 2]
def org_code():
    body = "".join(random.choice("0123456789") for _ in range(8))
    s = sum(int(c) * w for c, w in zip(body, OW))
    c = 11 - s % 11
    return body + ("X" if c == 10 else "0" if c == 11 else str(c))

def uscc(region):
    body = "91" + region + org_code()
    s = sum(ALPHA.index(c) * w for c, w in zip(body, W))
    return body + ALPHA[(31 - s % 31) % 31]

IDW = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def resident_id(region, birth):
    body = region + birth + "%03d" % random.randint(1, 999)
    s = sum(int(c) * w for c, w in zip(body, IDW))
    return body + "10X98765432"[s % 11]

COUNTIES = [("441802", "清城"), ("441803", "清新"), ("441881", "英德"), ("441882", "连州"),
            ("441821", "佛冈"), ("441823", "阳山"), ("441825", "连山"), ("441826", "连南")]
SECTORS = [("manufacturing", "C", ["电子科技", "精密机械", "新材料", "陶瓷", "食品", "汽车零部件", "电缆"]),
           ("service", "F", ["物流", "商贸", "旅游服务", "医药连锁"]),
           ("construction", "E", ["建设工程", "建筑安装", "市政工程"])]
orgs = []
n = 0
for i in range(28):
    code, name = COUNTIES[i % 8]
    sector, industry, words = SECTORS[0] if i % 5 < 3 else SECTORS[1] if i % 5 == 3 else SECTORS[2]
    word = words[i % len(words)]
    year = random.choice([2003, 2008, 2011, 2014, 2016, 2018, 2019, 2020, 2021])
    if i in (5, 17):
        year = 2023  # operating fewer than 3 years: ineligible
    orgs.append({
        "uscc": uscc(code), "name": f"清远市{name}{word}有限公司" if i % 3 else f"广东{name}{word}股份有限公司",
        "region": code, "industry": industry, "founded_on": f"{year}-{random.randint(1,12):02d}-{random.randint(1,28):02d}",
        "form": sector, "employees": random.randint(80, 3000), "revenue_10k": random.randint(3000, 250000),
        "self_score": random.randint(520, 860), "quality": round(random.uniform(0.55, 0.92), 3),
    })
SURNAMES = "陈李黄张王刘林梁何罗郭谢邓冯"
GIVEN = ["建华", "丽萍", "志强", "海燕", "国栋", "秀兰", "伟明", "晓东", "淑芬", "永红", "振宇", "嘉欣"]
persons = []
for i in range(12):
    code, name = COUNTIES[(i * 3) % 8]
    birth = f"{random.randint(1968, 1990)}{random.randint(1,12):02d}{random.randint(1,28):02d}"
    since = random.choice([2005, 2009, 2012, 2015, 2018])
    if i == 4:
        since = 2022  # fewer than 5 years of quality work: ineligible
    persons.append({
        "id_number": resident_id(code, birth), "name": SURNAMES[i] + GIVEN[i],
        "employer": orgs[(i * 2) % len(orgs)]["name"], "region": code,
        "quality_since": f"{since}-0{random.randint(1,9)}-01", "position": random.choice(["质量部经理", "总工程师", "质量总监", "技术主管"]),
        "quality": round(random.uniform(0.55, 0.92), 3),
    })
EMPLOYERS = ["华南理工大学", "广东工业大学", "清远职业技术学院", "广东省标准化研究院", "广东省质量监督检测中心",
             "中国质量认证中心广州分中心", "清远市质量计量监督检测所", "广州大学"]
FIELDS = ["manufacturing", "service", "construction", "standardisation", "metrology", "certification"]
experts = []
for i in range(30):
    employer = EMPLOYERS[i % len(EMPLOYERS)]
    conflicts = []
    if i % 7 == 3:
        conflicts.append(orgs[i % len(orgs)]["uscc"])
    experts.append({
        "code": f"E{i+1:03d}", "name": SURNAMES[(i + 5) % len(SURNAMES)] + GIVEN[(i + 7) % len(GIVEN)] + ("教授" if i % 3 == 0 else ""),
        "employer": employer, "region": "440100" if i % 4 == 0 else "441800",
        "fields": sorted(random.sample(FIELDS, 2)), "conflicts": conflicts,
    })
past = [{"family": "qingyuan-quality-award", "year": 2024, "uscc": orgs[9]["uscc"], "track": "organisation", "source": "2024年清远市政府质量奖通报"},
        {"family": "qingyuan-quality-award", "year": 2022, "uscc": orgs[13]["uscc"], "track": "organisation", "source": "2022年清远市政府质量奖通报"}]
out = {"about": "fictional demo population for the Qingyuan 2025 award; identifiers are synthetic with valid check characters",
       "organisations": orgs, "persons": persons, "experts": experts, "past_winners": past}
with open("data/demo/qingyuan-2025-population.json", "w") as f:
    json.dump(out, f, ensure_ascii=False, indent=1)
    f.write("\n")
