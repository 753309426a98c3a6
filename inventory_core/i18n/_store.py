"""The database file: locked, damaged, full disk, schema, import log (``StoreError`` messages)."""

_TRY_AGAIN_EN = "try again when it has finished"
_TRY_AGAIN_ZH = "请待其完成后重试"

MESSAGES: dict[str, dict[str, str]] = {
    "store.busy": {
        "en": "{path}: the database is in use by another program (an import, or a program holding it open); "
        + _TRY_AGAIN_EN,
        "zh": "{path}：数据库正被另一个程序使用（正在导入，或有程序占用该文件）；" + _TRY_AGAIN_ZH,
    },
    "store.damaged": {
        "en": "{path}: the database file is damaged ({reason}); restore a backup copy, or import your files "
        "into a new database",
        "zh": "{path}：数据库文件已损坏（{reason}）；请恢复备份，或将报表重新导入一个新的数据库",
    },
    "store.damaged.cut": {"en": "it is cut short", "zh": "文件被截断"},
    "store.damaged.checksum": {"en": "a block fails its checksum", "zh": "数据块校验失败"},
    "store.damaged.not_duckdb": {"en": "it is not a DuckDB database", "zh": "不是 DuckDB 数据库"},
    "store.disk_full": {
        "en": "{path}: the disk is full ({disk} has {free} free); nothing was stored, the file is back to its "
        "size before — free some space and try again",
        "zh": "{path}：磁盘已满（{disk} 剩余 {free}）；未写入任何数据，文件已恢复原大小——请释放空间后重试",
    },
    "store.cannot_open": {
        "en": "{path}: cannot open the database ({reason})",
        "zh": "{path}：无法打开数据库（{reason}）",
    },
    "store.missing": {
        "en": "{path}: no database here; import files first (or run `demo`)",
        "zh": "{path}：此处没有数据库；请先导入报表（或运行 `demo`）",
    },
    "store.empty": {
        "en": "{path}: the database is empty; import files first (or run `demo`)",
        "zh": "{path}：数据库为空；请先导入报表（或运行 `demo`）",
    },
    "store.not_radar": {
        "en": "{path}: not a Stockout Radar database (it has no import log)",
        "zh": "{path}：不是断货雷达的数据库（没有导入记录）",
    },
    "store.older": {
        "en": "{path}: made by an older Stockout Radar (schema {version}); open it once for writing (the app, or "
        "`import`) to update it",
        "zh": "{path}：由旧版断货雷达创建（结构版本 {version}）；请以可写方式打开一次（应用或 `import`）以升级",
    },
    "store.newer": {
        "en": "{path}: made by a newer Stockout Radar (schema {version} > {supported}); update the app",
        "zh": "{path}：由新版断货雷达创建（结构版本 {version} > {supported}）；请更新应用",
    },
    "store.read_only": {
        "en": "{path}: opened read-only",
        "zh": "{path}：以只读方式打开",
    },
    "store.memory_limit": {
        "en": "{name}={value}: expected a size like 1GB or 1536MB",
        "zh": "{name}={value}：应为 1GB 或 1536MB 这样的大小",
    },
    "store.no_import": {
        "en": "no import with id {id}",
        "zh": "没有编号为 {id} 的导入",
    },
    "store.already_undone": {
        "en": "import {id} ({file}) is already undone",
        "zh": "导入 {id}（{file}）已撤销",
    },
    "store.unknown_table": {
        "en": "unknown table {table}",
        "zh": "未知的表 {table}",
    },
}
