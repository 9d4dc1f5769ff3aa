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
        if v ~= math.floor(v) or v <= 0 then return nil end
        return string.format("%d", v)
      end
      -- the mistakes candidates make: not subtracting the network and
      -- broadcast addresses; ignoring the prefix and taking the usual /24
      -- or the classful /16 of a 172.16 address; also subtracting the
      -- default gateway, which is itself a host on the segment; subtracting
      -- only one of the two reserved addresses; taking the bits of the
      -- prefix beyond the octet boundary (the subnet bits) for the host bits
      -- the most common mistake (no subtraction) is always offered and is
      -- larger than the key, so the key is never D: variants whose turn is
      -- D take B or C by turns (A too would make A the key of half of them)
      local position = kit.position(variant)
      if position == 4 then position = 2 + variant // 4 % 2 end
      local gateway = "把默认网关（路由器接口）的地址也减去了"
      local subnet_bits = "把前缀超出整字节的位数（借用的子网位）当作主机位数"
      local options, answer, why = kit.numeric_options(key, {
        { size, "没有去掉网络地址和广播地址" },
        { 254, "忽略前缀长度、按/24的掩码计算" },
        { size - 3, gateway },
        { 65534, "忽略前缀长度、按B类地址默认的/16掩码计算" },
        { size - 1, "只去掉了一个地址" },
        { (1 << (prefix % 8)) - 2, subnet_bits },
      }, fmt, position)
      local note = ""
      for _, w in pairs(why) do
        if w == gateway then
          note = "路由器接口本身就是网段内的一台主机，它占用的是一个可分配地址，不必另外扣除。"
        end
      end
      return {
        stem = string.format("某数字孪生实训室为采集终端规划的网段为172.16.%d.0/%d，"
          .. "采集终端和路由器接口（各终端的默认网关）都使用该网段的地址。"
          .. "该网段中可分配给这些接口的IPv4地址最多有（　）个。", third, prefix),
        options = options,
        answer = answer,
        misconceptions = why,
        params = { kind = "hosts", prefix = prefix },
        explanation = string.format("前缀/%d留给主机的位数为32−%d＝%d，共2^%d＝%d个地址，"
          .. "去掉网络地址和广播地址后可分配%d个。", prefix, prefix, 32 - prefix,
          32 - prefix, size, key) .. kit.mistakes_text(options, why) .. note,
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
    -- only two mistakes (.255 and the next network) lie above the key, so
    -- the key is never A: variants whose turn is A take D (the hosts
    -- variants, which are never D, take A in their place)
    local position = kit.position(variant)
    if position == 1 then position = 4 end
    -- a key at D has only addresses below it; the candidate who miscounts
    -- the prefix by one bit (/28 for /27) must still find his wrong answer
    -- there: with the host in the lower half of its block, the broadcast of
    -- the half block lies below the key (in the upper half it is the key)
    if position == 4 and host - network >= size // 2 then
      host = host - size // 2
      if host == network then host = network + 1 end
    end
    local addr = function(last)
      if last ~= math.floor(last) or last < 0 or last > 255 then return nil end
      return string.format("192.168.%d.%d", third, last)
    end
    -- the broadcast the host would have under a wrong prefix length
    local wrong = function(p)
      local block = 1 << (32 - p)
      return host // block * block + block - 1
    end
    -- mistakes with the prefix come first, so that every variant offers at
    -- least one; a wrong prefix that happens to give the key is dropped
    local options, answer, why = kit.numeric_options(broadcast, {
      { network, "把网络地址当作广播地址" },
      { 255, "把网段当作/24" },
      { wrong(prefix + 1), string.format("把网段当作/%d（前缀多算了一位）", prefix + 1) },
      { wrong(prefix - 1), string.format("把网段当作/%d（前缀少算了一位）", prefix - 1) },
      { broadcast - 1, "取了网段中最后一个可用地址" },
      { network + size, "取了下一个网段的网络地址" },
      { network + 1, "取了网段中第一个可用地址" },
      { network - 1, "取了上一个网段的广播地址" },
    }, addr, position)
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
