# -*- coding: utf-8 -*-
"""考场用：生成6月份运行数据 june_run.csv（考生不使用本脚本，也不得放在考生工位上）。

用法：python gen_june_run.py june_run.csv
2024-06-01 00:00 至 2024-06-30 23:59，每分钟一条，共43200条。
列：time、state（RUN自动生产、STOP停机、HEAT升温）、P_kW、T_C、Ta_C。
自动生产时料筒温度受控在约225 °C，环境温度按日周期在24～32 °C间变化，
加热功率按稳态热平衡 P = h×(T−Ta)，h 取6月份实际值14.0 W/K，并叠加测量噪声。
预置的异常数据（考场准备中列出，供评分核对）：
  1. 计划停机两次：6月9日08:00起停机8小时、6月23日08:00起停机4小时，
     停机时 P=0、料筒自然冷却；随后升温（HEAT）以满功率6 kW加热至225 °C再转入自动生产；
  2. 功率表通信中断：6月15日20:00至6月17日01:59（1800条），state 仍为 RUN、料筒温度正常，P 记为0.000；
  3. 热电偶干扰尖峰：自动生产期间15个单点，T 比前后值高出50～120 K。
随机数种子固定，各考场生成的文件相同。
"""
import csv
import datetime
import math
import random
import sys

H_TRUE = 14.0      # W/K，6月份实际散热系数
C_HEAT = 75600.0   # J/K，料筒热容（时间常数约 C/h = 90 分钟）
P_MAX = 6.0        # kW，加热器满功率
T_SET = 225.0      # °C
STOPS = [(datetime.datetime(2024, 6, 9, 8, 0), 8 * 60),
         (datetime.datetime(2024, 6, 23, 8, 0), 4 * 60)]
DROPOUT = (datetime.datetime(2024, 6, 15, 20, 0), 30 * 60)


def ambient(t):
    hour = t.hour + t.minute / 60.0
    return 28.0 + 4.0 * math.sin((hour - 9.0) / 24.0 * 2 * math.pi)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "june_run.csv"
    rnd = random.Random(20240601)
    t0 = datetime.datetime(2024, 6, 1)
    n = 30 * 24 * 60
    stop_at = {s: d for s, d in STOPS}
    drop_from = DROPOUT[0]
    drop_to = DROPOUT[0] + datetime.timedelta(minutes=DROPOUT[1])
    spikes = set()
    spike_cand = set(random.Random(615).sample(range(n), 30))  # 尖峰候选位置
    state, stop_left, temp = "RUN", 0, T_SET
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["time", "state", "P_kW", "T_C", "Ta_C"])
        for i in range(n):
            t = t0 + datetime.timedelta(minutes=i)
            ta = ambient(t)
            if t in stop_at:
                state, stop_left = "STOP", stop_at[t]
            if state == "STOP":
                # 本分钟停机：记录当前值，再按自然冷却推进一分钟
                p = 0.0
                row_state = "STOP"
                t_now = temp
                temp += -H_TRUE * (temp - ta) * 60.0 / C_HEAT
                stop_left -= 1
                if stop_left == 0:
                    state = "HEAT"
            elif state == "HEAT":
                p = P_MAX + rnd.gauss(0.0, 0.015)
                row_state = "HEAT"
                t_now = temp
                temp += (P_MAX * 1000.0 - H_TRUE * (temp - ta)) * 60.0 / C_HEAT
                if temp >= T_SET:
                    temp, state = T_SET, "RUN"
            else:
                row_state = "RUN"
                t_now = T_SET + rnd.gauss(0.0, 0.4)
                p = H_TRUE * (t_now - ta) / 1000.0 + rnd.gauss(0.0, 0.015)
            t_meas = t_now + rnd.gauss(0.0, 0.3)
            if row_state == "RUN":
                if drop_from <= t < drop_to:
                    p = 0.0
                elif len(spikes) < 15 and i in spike_cand:
                    t_meas += rnd.uniform(50.0, 120.0)
                    spikes.add(i)
            w.writerow([t.strftime("%Y-%m-%d %H:%M"), row_state, "%.3f" % p,
                        "%.2f" % t_meas, "%.2f" % ta])


if __name__ == "__main__":
    main()
