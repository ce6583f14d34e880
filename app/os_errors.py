"""The operating system's refusals in Chinese: "Permission denied", "File exists" or
"Read-only file system" mean nothing to a worker; which file and why does."""

from __future__ import annotations

import errno
from pathlib import Path

from app.errors import WuyeError

_OS_REASONS = {
    errno.EACCES: "没有权限，文件或所在文件夹不可写入",
    errno.EPERM: "系统不允许，文件或所在文件夹被锁定为只读",
    errno.ENOENT: "文件或所在文件夹不存在",
    errno.EROFS: "所在磁盘是只读的",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘配额已满",
    errno.EEXIST: "同名文件已存在",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一级不是文件夹",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EBUSY: "文件正被其他程序占用",
    errno.EIO: "磁盘读写出错，磁盘可能已拔出或损坏",
    errno.EINVAL: "文件名或路径无效",
}
_WINDOWS_SHARING = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: open in Excel


def os_reason(exc: OSError) -> str:
    if getattr(exc, "winerror", None) in _WINDOWS_SHARING:
        return "文件正被其他程序打开，例如 Excel，请关闭后重试"
    if exc.errno in _OS_REASONS:
        return _OS_REASONS[exc.errno]
    name = errno.errorcode.get(exc.errno or 0, "")
    return f"系统错误{f'（{name}）' if name else ''}"


def file_failure(exc: OSError, path: Path | str | None = None) -> WuyeError:
    """`无法使用文件 /x/y.pdf：没有权限…；未做任何更改`."""
    where = path or exc.filename or ""
    return WuyeError(f"无法使用文件 {where}：{os_reason(exc)}；未做任何更改")
