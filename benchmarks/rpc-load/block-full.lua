-- eth_getBlockByNumber with full transactions; list: block numbers as 0x quantities.
method = "eth_getBlockByNumber"
function params(v) return '"' .. v .. '",true' end
local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(dir .. "common.lua")
