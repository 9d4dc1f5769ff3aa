# -*- coding: utf-8 -*-
"""“电机高温报警”功能验证脚本骨架（pytest，考场统一版本）。

已写好（不要改动）：常量 DEVICE，查询函数 get_alarms()、get_color()，等待函数 wait()、
wait_until()。同目录的 conftest.py（只读）提供夹具 api（已登录的会话）和 clear_alarms
（清除报警，用例须自行引用，说明见 conftest.py）。
须由考生完成：按所设计的用例编写以 test_ 开头的用例函数，写在文件末尾的 TODO 处。

数据模拟器：sim.set_temp(device, value) 使设备温度保持为给定值（℃），每秒发布1次。
接口说明见《需求说明》及题目材料。

运行：在本目录执行  python -m pytest -v test_alarm.py
"""
import time

import pytest  # 供 pytest.mark.usefixtures 等使用

import sim  # 考场提供的数据模拟器客户端

DEVICE = "M01"


def get_alarms(api, status="active"):
    """调用报警查询接口 GET /api/v1/alarms?device=M01&status=...，
    返回报警记录列表（list，每项为 dict，含 alarmType、level、startTime、endTime、status）。
    status 取 "active"（只返回报警中的）或 "all"（含已恢复的）；没有报警时返回空列表 []。"""
    r = api.get("/api/v1/alarms", params={"device": DEVICE, "status": status})
    r.raise_for_status()
    return r.json()


def get_color(api):
    """调用模型状态接口 GET /api/v1/models/M01/state，返回颜色字符串 "gray" 或 "red"。"""
    r = api.get(f"/api/v1/models/{DEVICE}/state")
    r.raise_for_status()
    return r.json()["color"]


def wait(seconds):
    """固定等待 seconds 秒。"""
    time.sleep(seconds)


def wait_until(condition, timeout, interval=0.5):
    """每隔 interval 秒调用一次 condition()（不带参数的函数），
    condition() 返回真值时立即返回 True；累计等待达到 timeout 秒仍不为真时返回 False（不抛异常）。"""
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)


# 调用方式示例（不是用例，可删除）：
#   sim.set_temp(DEVICE, 60.0)
#   wait(5)
#   alarms = get_alarms(api, "all")
#   found = wait_until(lambda: get_color(api) == "gray", timeout=5)


# TODO：在下面编写用例函数，例如
# def test_xxx(api, clear_alarms):
#     ...
