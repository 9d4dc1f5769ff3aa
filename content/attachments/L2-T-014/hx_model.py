# -*- coding: utf-8 -*-
"""换热站板式换热器孪生模型运行脚本（只用Python 3标准库）。

用法：
    python hx_model.py hx_params.csv hx_measured.csv hx_model_out.csv

输入：
    hx_params.csv    模型参数文件，列为：参数,符号,数值,单位,说明。
                     脚本按“符号”读取数值，并核对“单位”列必须是下面规定的单位，
                     单位列与规定不符时报错退出（脚本不做单位换算）。
    hx_measured.csv  实测数据，脚本只读取其中的时间、一次侧供水温度(℃)、
                     一次侧流量(m3/h)、二次侧回水温度(℃)四列作为模型输入。
输出：
    hx_model_out.csv 按1秒步长输出，每秒一行，列为：时间、该秒所用的三个输入值、
                     模型计算的一次侧回水温度和二次侧供水温度（保留3位小数）。
                     某一行的模型输出是该时刻的状态，即由此前各秒的输入计算得到。

模型（见《模型设计说明》）：一次侧和二次侧各为一个集总热容节点，经UA换热：
    C_h1·dT1r/dt = c·m1·(T1s − T1r) − UA·(T1r − T2s)
    C_h2·dT2s/dt = c·m2·(T2r − T2s) + UA·(T1r − T2s)
    m1 = rho·V1/3600（V1为一次侧实测体积流量，m3/h）；m2为二次侧流量参数（定流量）。
数值方法：显式欧拉法，步长dt；两次实测记录之间输入保持前一条记录的值（零阶保持）；
初值为第一条实测记录的输入下的稳态解。
"""
import csv
import sys
from datetime import datetime, timedelta

# 脚本要求的参数单位
REQUIRED_UNITS = {
    "UA": "kW/K",
    "C_h1": "kJ/K",
    "C_h2": "kJ/K",
    "m2": "kg/s",
    "c": "kJ/(kg·K)",
    "rho": "kg/m3",
    "dt": "s",
}
TIME_FMT = "%Y-%m-%d %H:%M:%S"


def open_text(path):
    """按UTF-8（可带BOM）打开；用电子表格软件另存为ANSI/GBK编码的，按GBK打开。"""
    try:
        with open(path, encoding="utf-8-sig") as f:
            f.read()
        return open(path, encoding="utf-8-sig", newline="")
    except UnicodeDecodeError:
        return open(path, encoding="gbk", newline="")


def read_params(path):
    params = {}
    with open_text(path) as f:
        for row in csv.DictReader(f):
            sym = row["符号"].strip()
            if sym not in REQUIRED_UNITS:
                continue
            unit = row["单位"].strip()
            if unit != REQUIRED_UNITS[sym]:
                sys.exit("参数%s的单位须为%s，参数文件中为%s" % (sym, REQUIRED_UNITS[sym], unit))
            params[sym] = float(row["数值"])
    missing = [s for s in REQUIRED_UNITS if s not in params]
    if missing:
        sys.exit("参数文件缺少参数：" + "、".join(missing))
    return params


def read_inputs(path):
    rows = []
    with open_text(path) as f:
        for row in csv.DictReader(f):
            rows.append((
                datetime.strptime(row["时间"], TIME_FMT),
                float(row["一次侧供水温度(℃)"]),
                float(row["一次侧流量(m3/h)"]),
                float(row["二次侧回水温度(℃)"]),
            ))
    return rows


def steady_state(p, t1s, v1, t2r):
    c1 = p["c"] * p["rho"] * v1 / 3600.0
    c2 = p["c"] * p["m2"]
    ua = p["UA"]
    a, b, d = c1 + ua, -ua, c2 + ua
    det = a * d - b * b
    t1r = (c1 * t1s * d - b * c2 * t2r) / det
    t2s = (a * c2 * t2r - b * c1 * t1s) / det
    return t1r, t2s


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    p = read_params(sys.argv[1])
    inputs = read_inputs(sys.argv[2])
    dt = p["dt"]
    t_start = inputs[0][0]
    # 输出到最后一条实测记录之后的保持区间结束（最后一条记录时刻+10 s之前）
    interval = (inputs[1][0] - inputs[0][0]).total_seconds()
    t_end = (inputs[-1][0] - t_start).total_seconds() + interval
    t1r, t2s = steady_state(p, inputs[0][1], inputs[0][2], inputs[0][3])
    k = 0
    n_steps = int(round(t_end / dt))
    with open(sys.argv[3], "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["时间", "一次侧供水温度(℃)", "一次侧流量(m3/h)", "二次侧回水温度(℃)",
                    "一次侧回水温度_模型(℃)", "二次侧供水温度_模型(℃)"])
        for i in range(n_steps):
            now = t_start + timedelta(seconds=i * dt)
            while k + 1 < len(inputs) and inputs[k + 1][0] <= now:
                k += 1
            _, t1s, v1, t2r = inputs[k]
            w.writerow([now.strftime(TIME_FMT), "%.2f" % t1s, "%.2f" % v1, "%.2f" % t2r,
                        "%.3f" % t1r, "%.3f" % t2s])
            c1 = p["c"] * p["rho"] * v1 / 3600.0
            c2 = p["c"] * p["m2"]
            q = p["UA"] * (t1r - t2s)
            t1r, t2s = (t1r + dt * (c1 * (t1s - t1r) - q) / p["C_h1"],
                        t2s + dt * (c2 * (t2r - t2s) + q) / p["C_h2"])


if __name__ == "__main__":
    main()
