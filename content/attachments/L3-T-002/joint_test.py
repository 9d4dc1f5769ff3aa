#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""PUMP01 联调程序骨架（考场统一版本）。

已写好：程序主流程 main()、Modbus TCP 客户端和 MQTT 客户端的连接与断开。
须由考生补全：标有 TODO 的 8 个函数（读取配置、Modbus 读取、换算、组装负载、
发布、REST 读回、比对、输出与写日志）。可以增加辅助函数，不要改动已写好的部分。
所需信息见《平台数据接入接口说明》和点表。

运行：python3 joint_test.py
依赖：pymodbus 3.6.9（从站地址参数名为 slave）、paho-mqtt 2.1.0、requests（考场已安装）；
方法签名可查离线API文档或 python3 -m pydoc（如 python3 -m pydoc pymodbus.client.ModbusTcpClient）。
"""
import configparser  # 供 load_settings 使用
import csv  # 供 output_and_log 使用
import json  # 供 build_payload 使用
import os
import time
from datetime import datetime

import paho.mqtt.client as mqtt
import requests  # 供 fetch_latest 使用
from pymodbus.client import ModbusTcpClient

CONFIG_FILE = "config.ini"
LOG_FILE = "joint_test_log.csv"
WAIT_SECONDS = 2  # 发布后等待平台入库的时间（s）


def load_settings(path):
    """读取配置文件，返回字典，键为：
    modbus_host、modbus_port、modbus_unit、mqtt_host、mqtt_port、
    mqtt_username、mqtt_password、rest_base_url、device_id。
    端口和从站地址为整数。
    """
    # TODO
    raise NotImplementedError


def read_registers(mb_client, unit_id):
    """按点表读取温度、压力、运行状态 3 个寄存器，返回寄存器原始值列表 [温度, 压力, 状态]。"""
    # TODO
    raise NotImplementedError


def to_engineering(raw):
    """按点表把寄存器原始值换算为工程值，返回 {"temp": ℃, "pressure": MPa, "state": 0或1}。"""
    # TODO
    raise NotImplementedError


def build_payload(device_id, values):
    """按《平台数据接入接口说明》组装 JSON 负载，返回字符串。"""
    # TODO
    raise NotImplementedError


def publish(mqtt_client, device_id, payload):
    """按《平台数据接入接口说明》把负载发布到平台，确认发布完成后返回。"""
    # TODO
    raise NotImplementedError


def fetch_latest(rest_base_url, device_id):
    """调用平台 REST 接口读回设备各字段的最新值，返回字典。"""
    # TODO
    raise NotImplementedError


def compare(sent, platform):
    """逐点比对发送值与平台值，返回 {"temp": "PASS"或"FAIL", "pressure": ..., "state": ...}。"""
    # TODO
    raise NotImplementedError


def output_and_log(sent, platform, verdicts):
    """在控制台逐点输出比对结果，并追加写入 LOG_FILE。"""
    # TODO
    raise NotImplementedError


def connect_mqtt(host, port, username, password):
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="joint_test_PUMP01")
    client.username_pw_set(username, password)
    client.connect(host, port, keepalive=60)
    client.loop_start()
    return client


def main():
    settings = load_settings(CONFIG_FILE)
    mb_client = ModbusTcpClient(settings["modbus_host"], port=settings["modbus_port"])
    if not mb_client.connect():
        raise SystemExit("Modbus TCP 连接失败")
    mqtt_client = connect_mqtt(settings["mqtt_host"], settings["mqtt_port"],
                               settings["mqtt_username"], settings["mqtt_password"])
    try:
        raw = read_registers(mb_client, settings["modbus_unit"])
        sent = to_engineering(raw)
        payload = build_payload(settings["device_id"], sent)
        publish(mqtt_client, settings["device_id"], payload)
        time.sleep(WAIT_SECONDS)
        platform = fetch_latest(settings["rest_base_url"], settings["device_id"])
        verdicts = compare(sent, platform)
        output_and_log(sent, platform, verdicts)
    finally:
        mqtt_client.loop_stop()
        mqtt_client.disconnect()
        mb_client.close()


if __name__ == "__main__":
    main()
