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
      local options, answer = kit.numeric_options(key, {
        size,                -- forgot network and broadcast addresses
        size - 1,            -- subtracted only one
        size // 2 - 2,       -- one bit too many in the prefix
        size * 2 - 2,        -- one bit too few
        size // 2,           -- one bit too many, nothing subtracted
        size // 4 - 2,       -- two bits too many
      }, fmt, kit.position(variant))
      return {
        stem = string.format("某数字孪生实训室为传感器网关规划的网段为172.16.%d.0/%d，"
          .. "该网段可分配给设备使用的IPv4地址最多有（　）个。", third, prefix),
        options = options,
        answer = answer,
        params = { kind = "hosts", prefix = prefix },
        explanation = string.format("前缀/%d留给主机的位数为32−%d＝%d，共2^%d＝%d个地址，"
          .. "去掉网络地址和广播地址后可分配%d个。只减1个或不减都会多算。",
          prefix, prefix, 32 - prefix, 32 - prefix, size, key),
      }
    end
    local prefix = rng:int(25, 29)
    local size = 1 << (32 - prefix)
    local third = rng:int(1, 254)
    local host = rng:int(1, 254)
    local network = host // size * size
    if host == network then host = network + 1 end
    local broadcast = network + size - 1
    if host == broadcast then host = broadcast - 1 end
    local addr = function(last)
      if last ~= math.floor(last) or last < 0 or last > 255 then return nil end
      return string.format("192.168.%d.%d", third, last)
    end
    local wrong = {}
    for _, w in ipairs({ network, broadcast - 1, 255, network + 1, network + size,
      broadcast + size, network - 1 }) do
      if w >= 0 and w <= 255 then wrong[#wrong + 1] = w end
    end
    local options, answer = kit.numeric_options(broadcast, wrong, addr,
      kit.position(variant))
    return {
      stem = string.format("现场数据采集终端的地址为%s/%d，该终端所在网段的广播地址是（　）。",
        addr(host), prefix),
      options = options,
      answer = answer,
      params = { kind = "broadcast", prefix = prefix, host = host },
      explanation = string.format("/%d的网段大小为%d个地址，%d所在网段为%d～%d，"
        .. "其中第一个是网络地址，最后一个%s是广播地址；把网段当作/24会误选.255。",
        prefix, size, host, network, broadcast, addr(broadcast)),
    }
  end,
}
