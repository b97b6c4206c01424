-- eth_getTransactionReceipt; list: transaction hashes.
method = "eth_getTransactionReceipt"
function params(v) return '"' .. v .. '"' end
local dir = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(dir .. "common.lua")
