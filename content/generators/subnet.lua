-- IPv4 addressing: usable hosts of a prefix, or the broadcast address.
local kit = require("itemkit")

return {
  standard = "4-04-05-10",   -- the occupation code its knowledge ids belong to
  id = "G-subnet",
  knowledge = { "B-2.2.1.2" },
  type = "single",
  difficulty = 3,
  variants = 24,
  fixed_order = true,      -- numbers stay in ascending order
  generate = function(rng, _, variant)
    if rng:int(1, 2) == 1 then
      local prefix = rng:int(20, 29)
      local third = rng:int(0, 15) * 16
      local size = 1 << (32 - prefix)
      local key = size - 2
      local fmt = function(v)
        if v ~= math.floor(v) then return nil end
        return string.format("%d", v)
      end
      local options, answer, why = kit.numeric_options(key, {
        { size, "没有去掉网络地址和广播地址" },
        { size - 1, "只去掉了一个地址" },
        { size // 2 - 2, "把主机位数少算了一位" },
        { size * 2 - 2, "把主机位数多算了一位" },
        { size // 2, "把主机位数少算一位、又漏减了网络地址和广播地址" },
        { size // 4 - 2, "把主机位数少算了两位" },
      }, fmt, kit.position(variant))
      return {
        stem = string.format("某数字孪生实训室为传感器网关规划的网段为172.16.%d.0/%d，"
          .. "该网段可分配给设备使用的IPv4地址最多有（　）个。", third, prefix),
        options = options,
        answer = answer,
        misconceptions = why,
        params = { kind = "hosts", prefix = prefix },
        explanation = string.format("前缀/%d留给主机的位数为32−%d＝%d，共2^%d＝%d个地址，"
          .. "去掉网络地址和广播地址后可分配%d个。", prefix, prefix, 32 - prefix,
          32 - prefix, size, key) .. kit.mistakes_text(options, why),
      }
    end
    local prefix = rng:int(25, 29)
    local size = 1 << (32 - prefix)
    local third = rng:int(1, 254)
    -- the host lies outside the last block of the /24, so that a
    -- candidate who takes the mask for /24 (broadcast .255) is wrong
    local host = rng:int(1, 255 - size)
    local network = host // size * size
    if host == network then host = network + 1 end
    local broadcast = network + size - 1
    if host == broadcast then host = broadcast - 1 end
    local addr = function(last)
      if last ~= math.floor(last) or last < 0 or last > 255 then return nil end
      return string.format("192.168.%d.%d", third, last)
    end
    local options, answer, why = kit.numeric_options(broadcast, {
      { network, "把网络地址当作广播地址" },
      { 255, "把网段当作/24" },
      { broadcast - 1, "取了网段中最后一个可用地址" },
      { network + size, "取了下一个网段的网络地址" },
      { network + 1, "取了网段中第一个可用地址" },
      { network - 1, "取了上一个网段的广播地址" },
    }, addr, kit.position(variant))
    return {
      stem = string.format("现场数据采集终端的地址为%s/%d，该终端所在网段的广播地址是（　）。",
        addr(host), prefix),
      options = options,
      answer = answer,
      misconceptions = why,
      params = { kind = "broadcast", prefix = prefix, host = host },
      explanation = string.format("/%d的网段大小为%d个地址，%d所在网段为%d～%d，"
        .. "其中第一个是网络地址，最后一个%s是广播地址。",
        prefix, size, host, network, broadcast, addr(broadcast))
        .. kit.mistakes_text(options, why),
    }
  end,
}
