#!/bin/sh
# 考场用：生成 L1-T-012 的模型仓库 model-repo 和发布记录表（考生不使用本脚本，也不得放在考生工位上）。
#
# 用法（Linux 的 sh/bash，或 Windows 的 Git Bash，Git 2.40 以上）：
#   sh make_model_repo.sh 目标文件夹
# 在目标文件夹中生成：
#   model-repo/          本地 Git 仓库，主分支 main，标签 v2.2、v2.3（附注标签），不设远程仓库
#   发布记录表.csv        已填 v2.2、v2.3 两行，哈希取自生成的仓库
# 作者、提交时间和标签时间都是固定值，各考场生成的提交哈希相同。
# 用考生账号运行（或生成后把 model-repo 的所有权交给考生账号），否则 Git 会以
# “dubious ownership”为由拒绝考生在该仓库中操作。脚本只用环境变量设定作者，不改动系统和用户的 Git 配置
# （只在 model-repo 仓库内设 core.autocrlf=false、core.quotepath=false）。
#
# 提交历史（v2.2 之后共 6 个提交，第 3 个为预置的错误提交）：
#   迁入Git：场景、参数配置、告警阈值、映射表和告警阈值设计表（原文件夹管理的 v2.1）
#   参数配置：按2月标定结果更新主轴热误差补偿系数
#   映射表：补全进给轴伺服电机温度点位                                 <- 标签 v2.2
#   1 映射表：新增冷却液液位点位
#   2 场景：更新防护门模型并绑定门状态点位（scene.json、mapping.csv）
#   3 整理告警配置（alarm_thresholds.yaml 缩进由4格改为2格，同时把 spindle_temp_high 由 85 误改为 58）
#   4 参数配置：按4月标定结果更新X轴热伸长补偿系数
#   5 映射表：新增主轴振动点位
#   6 场景：调整刀库模型颜色和标注                                     <- 标签 v2.3，main 的最新提交
# 第 4～6 个提交不改动 alarm_thresholds.yaml，git revert 第 3 个提交不产生冲突。
set -e

if [ $# -ne 1 ]; then
    echo "用法：sh make_model_repo.sh 目标文件夹" >&2
    exit 1
fi
mkdir -p "$1"
cd "$1"
if [ -e model-repo ]; then
    echo "目标文件夹中已有 model-repo，请先删除" >&2
    exit 1
fi
mkdir model-repo
cd model-repo

export GIT_AUTHOR_NAME="模型组-王工"
export GIT_AUTHOR_EMAIL="wang@model.example"
export GIT_COMMITTER_NAME="模型组-王工"
export GIT_COMMITTER_EMAIL="wang@model.example"
export GIT_CONFIG_NOSYSTEM=1        # 不读系统和用户的 Git 配置（如提交签名），生成结果与工位配置无关
export GIT_CONFIG_GLOBAL=/dev/null

git init -q -b main .
git config core.autocrlf false
git config core.quotepath false

commit() {   # commit 时间 说明
    export GIT_AUTHOR_DATE="$1 +0800"
    export GIT_COMMITTER_DATE="$1 +0800"
    git add -A
    git commit -q -m "$2"
}

tag() {      # tag 时间 标签 说明
    export GIT_COMMITTER_DATE="$1 +0800"
    git tag -a "$2" -m "$3"
}

mkdir docs

# ---------- 迁入Git（原 v2.1） ----------
cat > scene.json <<'EOF'
{
  "scene": "1号加工中心",
  "unit": "mm",
  "objects": [
    {"id": "MC01_body", "model": "models/mc01_body.glb", "position": [0, 0, 0]},
    {"id": "MC01_spindle", "model": "models/mc01_spindle.glb", "position": [0, 850, 1620]},
    {"id": "MC01_table", "model": "models/mc01_table.glb", "position": [0, 420, 900]},
    {"id": "MC01_toolmag", "model": "models/mc01_toolmag.glb", "position": [-1350, 300, 1800], "color": "#9E9E9E"},
    {"id": "MC01_door", "model": "models/mc01_door_v1.glb", "position": [0, -980, 600]}
  ]
}
EOF
cat > params.yaml <<'EOF'
# 1号加工中心孪生模型参数配置
spindle:
    rated_speed_rpm: 12000
    thermal_error_coef_um_per_K: 1.8    # 主轴热误差补偿系数，μm/K
axis_x:
    thermal_expansion_coef_um_per_K: 11.5   # X轴热伸长补偿系数，μm/K
    stroke_mm: 800
refresh_interval_ms: 500
EOF
cat > alarm_thresholds.yaml <<'EOF'
# 1号加工中心告警阈值（设计值见 docs/告警阈值设计表.md）
spindle:
    spindle_temp_high: 85        # 主轴温度上限，°C
    spindle_load_high: 90        # 主轴负载上限，%
coolant:
    coolant_temp_high: 35        # 冷却液温度上限，°C
axis:
    axis_servo_temp_high: 70     # 进给轴伺服电机温度上限，°C
EOF
cat > mapping.csv <<'EOF'
point,plc_address,unit,object,description
spindle_speed,DB10.DBD0,rpm,MC01_spindle,主轴转速
spindle_temp,DB10.DBW4,°C,MC01_spindle,主轴温度
spindle_load,DB10.DBW6,%,MC01_spindle,主轴负载
coolant_temp,DB20.DBW0,°C,MC01_body,冷却液温度
table_x,DB30.DBD0,mm,MC01_table,X轴位置
EOF
cat > docs/告警阈值设计表.md <<'EOF'
# 1号加工中心告警阈值设计表

| 键 | 含义 | 设计值 | 依据 |
|---|---|---|---|
| spindle_temp_high | 主轴温度上限 | 85 °C | 主轴轴承允许工作温度，留有余量 |
| spindle_load_high | 主轴负载上限 | 90 % | 主轴电机额定负载 |
| coolant_temp_high | 冷却液温度上限 | 35 °C | 冷却机组设计出液温度 |
| axis_servo_temp_high | 进给轴伺服电机温度上限 | 70 °C | 伺服电机允许温升 |
EOF
commit "2024-02-26 10:12:00" "迁入Git：场景、参数配置、告警阈值、映射表和告警阈值设计表（原文件夹管理的v2.1）"

sed 's/thermal_error_coef_um_per_K: 1.8 /thermal_error_coef_um_per_K: 2.1 /' params.yaml > params.tmp && mv params.tmp params.yaml
commit "2024-03-05 15:40:00" "参数配置：按2月标定结果更新主轴热误差补偿系数"

cat >> mapping.csv <<'EOF'
servo_x_temp,DB30.DBW8,°C,MC01_table,X轴伺服电机温度
servo_y_temp,DB30.DBW10,°C,MC01_table,Y轴伺服电机温度
servo_z_temp,DB30.DBW12,°C,MC01_spindle,Z轴伺服电机温度
EOF
commit "2024-03-12 09:25:00" "映射表：补全进给轴伺服电机温度点位"
tag "2024-03-15 16:00:00" v2.2 "v2.2 发布"

# ---------- v2.2 之后的 6 个提交 ----------
cat >> mapping.csv <<'EOF'
coolant_level,DB20.DBW2,%,MC01_body,冷却液液位
EOF
commit "2024-04-08 10:05:00" "映射表：新增冷却液液位点位"

sed 's#models/mc01_door_v1.glb", "position": \[0, -980, 600\]}#models/mc01_door_v2.glb", "position": [0, -980, 600], "bind": "door_closed"}#' scene.json > scene.tmp && mv scene.tmp scene.json
cat >> mapping.csv <<'EOF'
door_closed,DB40.DBX0.0,bool,MC01_door,防护门关闭
EOF
commit "2024-04-16 14:30:00" "场景：更新防护门模型并绑定门状态点位"

cat > alarm_thresholds.yaml <<'EOF'
# 1号加工中心告警阈值（设计值见 docs/告警阈值设计表.md）
spindle:
  spindle_temp_high: 58        # 主轴温度上限，°C
  spindle_load_high: 90        # 主轴负载上限，%
coolant:
  coolant_temp_high: 35        # 冷却液温度上限，°C
axis:
  axis_servo_temp_high: 70     # 进给轴伺服电机温度上限，°C
EOF
commit "2024-04-23 17:48:00" "整理告警配置"

sed 's/thermal_expansion_coef_um_per_K: 11.5 /thermal_expansion_coef_um_per_K: 11.8 /' params.yaml > params.tmp && mv params.tmp params.yaml
commit "2024-05-06 09:50:00" "参数配置：按4月标定结果更新X轴热伸长补偿系数"

cat >> mapping.csv <<'EOF'
spindle_vib,DB10.DBW10,mm/s,MC01_spindle,主轴振动速度有效值
EOF
commit "2024-05-13 11:20:00" "映射表：新增主轴振动点位"

sed 's/"color": "#9E9E9E"}/"color": "#607D8B", "label": "刀库（24把）"}/' scene.json > scene.tmp && mv scene.tmp scene.json
commit "2024-05-20 10:35:00" "场景：调整刀库模型颜色和标注"
tag "2024-05-24 16:00:00" v2.3 "v2.3 发布"

# ---------- 发布记录表 ----------
h22=$(git rev-parse v2.2^{commit})
h23=$(git rev-parse v2.3^{commit})
cd ..
cat > 发布记录表.csv <<EOF
版本号,标签所指提交哈希,发布日期,变更摘要,部署位置,部署前验证项及结果,审批人
v2.2,$h22,2024-03-15,补全进给轴伺服电机温度点位；更新主轴热误差补偿系数,1号加工中心孪生服务器,点位映射逐点核对通过；场景加载正常,项目技术负责人
v2.3,$h23,2024-05-24,新增冷却液液位、防护门状态和主轴振动点位；更新防护门和刀库模型；更新X轴热伸长补偿系数；整理告警配置,1号加工中心孪生服务器,新增点位核对通过；场景加载正常,项目技术负责人
,,,,,,
EOF

echo "已生成 model-repo 和 发布记录表.csv"
echo "v2.2 -> $h22"
echo "v2.3 -> $h23"
cd model-repo
echo "错误提交（整理告警配置）-> $(git log --format=%H --grep='^整理告警配置$' v2.2..v2.3)"
