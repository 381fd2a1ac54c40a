"""The per-file memo behind the roles and org-values extensions (handbook/file_memo.py)."""
import os

from handbook.file_memo import by_file
from handbook.roles import load_roles


def test_a_file_is_read_once_until_it_changes(tmp_path):
    reads = []

    @by_file
    def load(path):
        reads.append(path)
        return path.read_text(encoding="utf-8")

    file = tmp_path / "org.yml"
    file.write_text("公司: 甲\n", encoding="utf-8")
    assert load(file) == load(str(file)) == "公司: 甲\n"
    assert len(reads) == 1
    # A trainer saves the file again (same size, new time): read again.
    file.write_text("公司: 乙\n", encoding="utf-8")
    stat = file.stat()
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert load(file) == "公司: 乙\n" and len(reads) == 2


def test_a_missing_file_is_not_kept(tmp_path):
    file = tmp_path / "roles.yml"
    assert load_roles(file) == ({}, [])
    file.write_text("投诉人员:\n  负责: 处理投诉\n", encoding="utf-8")
    roles, problems = load_roles(file)
    assert list(roles) == ["投诉人员"] and problems == []
