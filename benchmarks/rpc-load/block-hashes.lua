-- eth_getBlockByNumber, transaction hashes only; list: block numbers as 0x quantities.
method = "eth_getBlockByNumber"
function params(v) return '"' .. v .. '",false' end
local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(dir .. "common.lua")
