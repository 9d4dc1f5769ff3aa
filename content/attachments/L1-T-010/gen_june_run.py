# -*- coding: utf-8 -*-
"""考场用：生成6月份运行数据 june_run.csv（考生不使用本脚本）。

用法：python gen_june_run.py june_run.csv
2024-06-01 00:00:00 至 2024-06-30 23:59:50，每10秒一条，共259200条。
料筒温度受控在约225 °C，环境温度按日周期在24～32 °C间变化；
加热功率按稳态热平衡 P = h×(T−Ta)，h 取6月份实际值14.0 W/K，
并叠加测量噪声。随机数种子固定，各考场生成的文件相同。
"""
import csv
import datetime
import math
import random
import sys

H_TRUE = 14.0  # W/K


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "june_run.csv"
    rnd = random.Random(20240601)
    t0 = datetime.datetime(2024, 6, 1)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["time", "P_kW", "T_C", "Ta_C"])
        for i in range(30 * 24 * 360):
            t = t0 + datetime.timedelta(seconds=10 * i)
            hour = t.hour + t.minute / 60.0
            ta = 28.0 + 4.0 * math.sin((hour - 9.0) / 24.0 * 2 * math.pi)
            temp = 225.0 + rnd.gauss(0.0, 0.4)
            p = H_TRUE * (temp - ta) / 1000.0 + rnd.gauss(0.0, 0.015)
            w.writerow([t.strftime("%Y-%m-%d %H:%M:%S"), "%.3f" % p,
                        "%.2f" % (temp + rnd.gauss(0.0, 0.3)), "%.2f" % ta])


if __name__ == "__main__":
    main()
