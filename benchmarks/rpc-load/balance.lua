-- eth_getBalance at latest; list: account addresses.
method = "eth_getBalance"
function params(v) return '"' .. v .. '","latest"' end
local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(dir .. "common.lua")
