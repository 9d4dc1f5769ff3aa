# -*- coding: utf-8 -*-
"""“电机高温报警”验证脚本的 pytest 配置（考场统一版本，考生只读，不要改动）。

提供给 test_alarm.py 使用的夹具：
- api：已登录测试环境的会话（整个运行共用一个）。账号、口令和地址由考场写在
  exam.ini 中，脚本里不要写账号口令。用法：api.get("/api/v1/alarms", params={...})，
  路径以 / 开头时自动加上测试环境地址。
- clear_alarms：清除报警的夹具，不自动生效，用例须自行引用（写在用例函数的参数中，
  或用 @pytest.mark.usefixtures("clear_alarms")）。引用后，在用例开始前和结束后各执行
  一次复位：把 M01 温度设为 25.0 ℃，调用测试环境的清除接口删除 M01 的全部报警记录
  （含已恢复的），并确认查不到报警、模型颜色为 gray。

运行日志：每次运行开始时把运行时间和 test_alarm.py 的全文追加写入考场指定的运行日志，
每条用例结束时追加写入时间、用例名和结果（通过、失败、跳过）。运行日志供考评员核对。
"""
import configparser
import datetime
import os
import time

import pytest
import requests

import sim  # 考场提供的数据模拟器客户端：sim.set_temp(device, value)

HERE = os.path.dirname(os.path.abspath(__file__))
DEVICE = "M01"
NORMAL_TEMP = 25.0

_cfg = configparser.ConfigParser()
_cfg.read(os.path.join(HERE, "exam.ini"), encoding="utf-8")
RUN_LOG = _cfg.get("exam", "run_log", fallback=os.path.join(HERE, "run.log"))


def _log(text):
    stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    with open(RUN_LOG, "a", encoding="utf-8") as f:
        f.write(f"[{stamp}] {text}\n")


class ApiSession(requests.Session):
    """路径以 / 开头时自动加上测试环境地址；每次请求超时 5 s。"""

    def __init__(self, base_url):
        super().__init__()
        self.base_url = base_url.rstrip("/")

    def request(self, method, url, *args, **kwargs):
        if url.startswith("/"):
            url = self.base_url + url
        kwargs.setdefault("timeout", 5)
        return super().request(method, url, *args, **kwargs)


@pytest.fixture(scope="session")
def api():
    s = ApiSession(_cfg.get("platform", "base_url"))
    r = s.post("/api/v1/login", json={
        "username": _cfg.get("platform", "username"),
        "password": _cfg.get("platform", "password"),
    })
    r.raise_for_status()
    s.headers["Authorization"] = "Bearer " + r.json()["token"]
    yield s
    s.post("/api/v1/logout")
    s.close()


def _reset(api):
    sim.set_temp(DEVICE, NORMAL_TEMP)
    api.post("/api/v1/test/alarms/clear", params={"device": DEVICE}).raise_for_status()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        alarms = api.get("/api/v1/alarms", params={"device": DEVICE, "status": "all"}).json()
        color = api.get(f"/api/v1/models/{DEVICE}/state").json()["color"]
        if not alarms and color == "gray":
            return
        time.sleep(0.5)
    pytest.fail("复位后5 s内仍查到报警或模型颜色不是gray，请报告考评员")


@pytest.fixture
def clear_alarms(api):
    _reset(api)
    yield
    _reset(api)


def pytest_sessionstart(session):
    path = os.path.join(HERE, "test_alarm.py")
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        text = "(未找到 test_alarm.py)"
    _log("运行开始，test_alarm.py 全文如下：\n" + text + "\n[test_alarm.py 全文结束]")


def pytest_runtest_logreport(report):
    # 记录用例本身的结果，以及准备、清理阶段的失败和跳过
    if report.when == "call" or report.outcome != "passed":
        _log(f"{report.nodeid} {report.when} {report.outcome}")
