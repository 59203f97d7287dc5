const a = "ÿþ";
window.on(