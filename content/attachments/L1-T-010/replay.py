# -*- coding: utf-8 -*-
"""料筒加热区孪生模型回放脚本。

用法：python replay.py 参数配置文件 数据文件（如 python replay.py params.ini june_run.csv）
按参数配置文件中的散热系数 h（W/K）和运行数据中的加热功率 P（kW）、
环境温度 Ta（°C）计算料筒温度预测值 T预测 = Ta + P×1000/h，
与实测料筒温度 T 比较，输出均方根误差（RMSE）和最大偏差。
数据文件须含列 time、P_kW、T_C、Ta_C（其他列如 state 不读取）。
参数配置文件和数据文件可以是带或不带 BOM 的 UTF-8 文本（用电子表格软件另存为
“CSV UTF-8”的文件可直接读取；列名只含英文字母，另存为普通 CSV 的同样可读）；
各列都为空的行（如只清除了内容而未删除的行）跳过不计。
脚本对文件中的每一条记录都按上述稳态关系计算，不区分设备状态，也不剔除任何记录。
"""
import csv
import math
import sys


def read_h(path):
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            key, _, value = line.partition("=")
            if key.strip() == "h":
                return float(value)
    sys.exit("参数配置文件中没有 h")


def main():
    if len(sys.argv) != 3:
        sys.exit("用法：python replay.py 参数配置文件 数据文件")
    h = read_h(sys.argv[1])
    n = 0
    sq = 0.0
    worst = 0.0
    worst_time = ""
    with open(sys.argv[2], encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if not any(v and str(v).strip() for v in row.values()):
                continue
            pred = float(row["Ta_C"]) + float(row["P_kW"]) * 1000.0 / h
            err = pred - float(row["T_C"])
            n += 1
            sq += err * err
            if abs(err) > abs(worst):
                worst = err
                worst_time = row["time"]
    if n == 0:
        sys.exit("运行数据为空")
    print("h = %.1f W/K，回放记录 %d 条" % (h, n))
    print("均方根误差 RMSE = %.2f K" % math.sqrt(sq / n))
    print("最大偏差 = %.2f K（%s，预测值减实测值）" % (worst, worst_time))


if __name__ == "__main__":
    main()
