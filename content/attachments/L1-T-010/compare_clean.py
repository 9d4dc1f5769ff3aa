# -*- coding: utf-8 -*-
"""考场用：把考生剔除后的数据文件与考前备份的 june_run.csv 逐条比对（不放在考生工位上）。

用法：python compare_clean.py 原始文件 考生文件 [比对结果.txt]
  原始文件：考前备份的 june_run.csv（按校验值核对过的那一份）；
  考生文件：考生提交的剔除后的数据文件；
  比对结果：可选，给出时把结果同时写入该文件，随考生的评分记录保存。

比对方法：
  - 按 time 列把考生文件的每条记录与原始记录对应。time 的写法可以不同：
    2024-06-01 00:00、2024/6/1 0:00、2024/6/1 0:00:00、2024-06-01T00:00:00，
    以及电子表格软件把时间存成序列号的（如 45444.0）都按同一时刻识别。
  - 比对 P_kW、T_C、Ta_C 三列的数值。小数位数可以不同（如 225.30 写成 225.3，
    或另存时按较少的小数位数舍入）：考生值与原始值之差不超过考生值末位的半个单位
    （如考生写 2.81，原始值在 2.805～2.815 之间），即算一致；否则算“数值被改动”。
    state 列不比对。
  - 文件可以是带或不带 BOM 的 UTF-8，或 GBK（电子表格软件另存为普通 CSV 时），
    分隔符为逗号、分号或制表符；各列都为空的行跳过不计。
输出：
  ⓪ time 写法无法识别的记录（不作为证据，由考评员人工核对）；
  ① 原始数据中不存在的记录（考生文件中的时刻在原始数据中没有）；
  ② 数值被改动的记录（列出原始值和考生值）；
  ③ 同一时刻出现多次的记录（第二次及以后出现的；数值与原始记录一致，不属改写，
     不作为否决证据，由考评组核对是否影响辨识结果）；
  ④ 供参考：被剔除的原始记录按 state 和 P 分类的条数。
①②都为零时输出“未发现改写”；有任何一项时输出“发现改写”，退出码1，所列记录即否决项的证据；
未发现改写时，有⓪或③项或文件无法读取、缺列的退出码2（须人工核对），否则退出码0。
"""
import csv
import datetime
import decimal
import re
import sys

COLS = ("P_kW", "T_C", "Ta_C")
EXCEL_EPOCH = datetime.datetime(1899, 12, 30)
CLOCK = r"(?:[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d+)?)?)?\s*$"
TIME_RE = re.compile(r"^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?" + CLOCK)
TIME_US_RE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})" + CLOCK)  # 月/日/年


def parse_time(text):
    """把各种写法的时间统一为精确到分钟的 datetime；无法识别时返回 None。"""
    text = (text or "").strip()
    m = TIME_RE.match(text)
    m_us = None if m else TIME_US_RE.match(text)
    if m or m_us:
        if m:
            y, mo, d, hh, mm, ss = m.groups()
        else:
            mo, d, y, hh, mm, ss = m_us.groups()
        try:
            t = datetime.datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0),
                                  int(ss or 0))
        except ValueError:
            return None
        return t
    try:
        serial = float(text)
    except ValueError:
        return None
    if 1 < serial < 100000:  # 电子表格的日期序列号
        t = EXCEL_EPOCH + datetime.timedelta(days=serial)
        return t.replace(second=0, microsecond=0) + datetime.timedelta(
            minutes=1 if t.second >= 30 else 0)
    return None


def open_rows(path):
    """读出 (行号, 记录字典) 列表；按 utf-8-sig、gbk 依次尝试编码。"""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        print("无法读取文件：%s（%s），请人工核对。" % (path, e))
        sys.exit(2)
    for enc in ("utf-8-sig", "gbk"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        print("无法识别文件编码：%s，请人工核对。" % path)
        sys.exit(2)
    lines = text.splitlines()
    sample = "\n".join(lines[:20])
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(lines, dialect=dialect)
    names = [(n or "").strip() for n in (reader.fieldnames or [])]
    reader.fieldnames = names
    missing = [c for c in ("time",) + COLS if c not in names]
    if missing:
        print("文件 %s 缺少列：%s（现有列：%s），请人工核对。" % (path, "、".join(missing), "、".join(names)))
        sys.exit(2)
    rows = []
    for i, row in enumerate(reader, start=2):
        if not any(v and str(v).strip() for k, v in row.items() if k is not None):
            continue
        rows.append((i, row))
    return rows


def same_value(orig, cand):
    """考生值与原始值之差不超过考生值末位的半个单位（即原始值舍入到考生值的
    小数位数后可得到考生值，五入或舍去均可），算一致。"""
    try:
        c = decimal.Decimal(cand.strip())
        o = decimal.Decimal(orig.strip())
    except (decimal.InvalidOperation, AttributeError):
        return False
    if not c.is_finite():
        return False
    exp = c.as_tuple().exponent
    half_unit = decimal.Decimal(5).scaleb(exp - 1) if exp < 0 else decimal.Decimal("0.5")
    # 另加极小余量，容纳程序另存时带出的二进制浮点尾数（如 225.30000000000001）
    return abs(o - c) <= half_unit + decimal.Decimal("1e-9") * max(abs(o), 1)


def main():
    if len(sys.argv) not in (3, 4):
        print("用法：python compare_clean.py 原始文件 考生文件 [比对结果.txt]")
        sys.exit(2)
    out_lines = []

    def say(s=""):
        print(s)
        out_lines.append(s)

    orig = {}
    for _, row in open_rows(sys.argv[1]):
        t = parse_time(row["time"])
        orig[t] = row
    cand = open_rows(sys.argv[2])

    unparsed, unknown, changed, dup = [], [], [], []
    seen = {}
    same = 0
    for line_no, row in cand:
        t = parse_time(row["time"])
        if t is None:
            unparsed.append((line_no, row))
            continue
        if t not in orig:
            unknown.append((line_no, row))
            continue
        o = orig[t]
        diffs = [(c, o[c], row[c]) for c in COLS if not same_value(o[c], row[c] or "")]
        if diffs:
            changed.append((line_no, t, diffs))
        elif t in seen:
            dup.append((line_no, seen[t], row))
        else:
            same += 1
        if t not in seen:
            seen[t] = line_no

    say("原始文件：%s，%d 条" % (sys.argv[1], len(orig)))
    say("考生文件：%s，%d 条（不计空行）" % (sys.argv[2], len(cand)))
    say("与原始记录对应且数值一致：%d 条（不计重复）" % same)
    say()
    if unparsed:
        say("⓪ time 写法无法识别的记录：%d 条（不作为证据，请人工核对这些记录）" % len(unparsed))
        for line_no, row in unparsed[:50]:
            say("   第%d行 time=%s" % (line_no, row["time"]))
    say("① 原始数据中不存在的记录：%d 条" % len(unknown))
    for line_no, row in unknown[:50]:
        say("   第%d行 time=%s P_kW=%s T_C=%s Ta_C=%s" % (
            line_no, row["time"], row["P_kW"], row["T_C"], row["Ta_C"]))
    say("② 数值被改动的记录：%d 条" % len(changed))
    for line_no, t, diffs in changed[:50]:
        say("   第%d行 %s：%s" % (line_no, t.strftime("%Y-%m-%d %H:%M"), "；".join(
            "%s 原始%s，考生%s" % d for d in diffs)))
    say("③ 同一时刻重复出现、数值与原始一致的记录：%d 条（不属改写，请考评组核对）" % len(dup))
    for line_no, first, row in dup[:50]:
        say("   第%d行 time=%s（与第%d行为同一时刻）" % (line_no, row["time"], first))
    if max(len(unparsed), len(unknown), len(changed), len(dup)) > 50:
        say("   （每项最多列出50条）")

    removed = {}
    for t, row in orig.items():
        if t in seen:
            continue
        state = (row.get("state") or "").strip()
        try:
            p_zero = float(row["P_kW"]) == 0.0
        except ValueError:
            p_zero = False
        key = state if state != "RUN" else ("RUN且P为0" if p_zero else "RUN且P不为0")
        removed[key] = removed.get(key, 0) + 1
    say()
    say("④ 供参考：被剔除的原始记录 %d 条，其中 %s" % (
        sum(removed.values()),
        "、".join("%s %d 条" % kv for kv in sorted(removed.items())) or "无"))
    say()
    bad = unknown or changed
    if bad:
        say("结论：发现改写，上列①②记录可作为否决项的证据，请核对后记入评分记录表")
    elif unparsed or dup:
        say("结论：未发现改写；⓪③所列记录请人工核对")
    else:
        say("结论：未发现改写（考生文件中的每条记录都与原始记录一致）")
    if len(sys.argv) == 4:
        with open(sys.argv[3], "w", encoding="utf-8-sig") as f:
            f.write("\n".join(out_lines) + "\n")
    sys.exit(1 if bad else (2 if unparsed or dup else 0))


if __name__ == "__main__":
    main()
