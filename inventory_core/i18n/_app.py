"""App chrome: navigation, sidebar, empty states."""

MESSAGES: dict[str, dict[str, str]] = {
    "page.review": {"en": "Weekly review", "zh": "周会总览"},
    "page.upload": {"en": "Upload & data health", "zh": "上传与数据健康"},
    "page.replenishment": {"en": "Replenishment plan", "zh": "补货计划"},
    "page.timeline": {"en": "Stockout timeline", "zh": "断货时间线"},
    "page.matrix": {"en": "WOC × ROAS matrix", "zh": "WOC × ROAS 矩阵"},
    "page.budget": {"en": "Ad budget", "zh": "广告预算"},
    "page.ranks": {"en": "Keyword ranks", "zh": "关键词排名"},
    "app.present": {"en": "Presentation mode", "zh": "演示模式"},
    "app.present_help": {
        "en": "Larger type and less chrome for screen sharing in the weekly meeting",
        "zh": "字号更大、界面更简洁，适合周会共享屏幕",
    },
    "app.search": {"en": "Search SKU / ASIN / title", "zh": "搜索 SKU / ASIN / 标题"},
    "app.search_ph": {"en": "e.g. KT-BAMBOO", "zh": "例如 KT-BAMBOO"},
    "app.empty": {
        "en": "The database is empty. Upload your Seller Central and Ads exports on the Upload page, or run `make demo` to load the demo data.",
        "zh": "数据库为空。请在「上传与数据健康」页面上传卖家后台和广告报表，或运行 `make demo` 载入演示数据。",
    },
    "auth.password": {"en": "Team password", "zh": "团队密码"},
    "auth.sign_in": {"en": "Sign in", "zh": "登录"},
    "auth.sign_out": {"en": "Sign out", "zh": "退出登录"},
    "auth.wrong_then": {"en": "Wrong password. {then}", "zh": "密码错误。{then}"},
    "auth.wait": {
        "en": "The next attempt is possible in {seconds} s (at {time}).",
        "zh": "{seconds} 秒后（{time}）可再次尝试。",
    },
    "auth.locked": {
        "en": "Too many failed sign-ins. Try again in {seconds} s (at {time}).",
        "zh": "登录失败次数过多，请在 {seconds} 秒后（{time}）再试。",
    },
    "auth.locked_all": {
        "en": "Too many failed sign-ins on this server. Sign-in is paused for everyone; try again in {seconds} s (at {time}).",
        "zh": "本服务器登录失败次数过多，所有人暂停登录，请在 {seconds} 秒后（{time}）再试。",
    },
    "auth.not_allowed": {
        "en": "{email} is not allowed to open this dashboard.",
        "zh": "{email} 无权访问此看板。",
    },
    "app.notes": {"en": "About this page", "zh": "本页说明"},
    "app.marketplace": {"en": "Marketplace", "zh": "站点"},
    "app.all_marketplaces": {"en": "All marketplaces", "zh": "全部站点"},
}
