"""Recordings of spoken answers, kept in the home under recordings/: one WAV per answer
(named by the answer's id) and a small JSON file saying what it answers. The folder is 0700
and the files 0600, like everything else prep writes in the home."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from prepcoach.kernel import clock
from prepcoach.kernel.errors import NotFoundError, PrepError
from prepcoach.voice.audio import Audio, write_wav

FOLDER: Final = "recordings"


@dataclass(frozen=True, slots=True)
class Recording:
    id: str  # the answer's id
    path: Path
    question_id: str
    question_text: str
    session_id: str
    seconds: float
    created_at: str
    bytes: int


def folder(home: Path) -> Path:
    return home / FOLDER


def _private_folder(home: Path) -> Path:
    path = folder(home)
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(path, 0o700)
    except OSError as error:
        raise PrepError(f"cannot create {path}: {error.strerror or error}") from None
    return path


def save(
    home: Path,
    answer_id: str,
    audio: Audio,
    *,
    question_id: str,
    question_text: str,
    session_id: str,
) -> Recording:
    """Keep `audio` as the recording of answer `answer_id`."""
    from prepcoach.kernel.files import atomic_write, replacing

    where = _private_folder(home)
    path = where / f"{answer_id}.wav"
    with replacing(path) as tmp:  # a private temp file (mkstemp: 0600), renamed into place
        write_wav(tmp, audio)
    os.chmod(path, 0o600)
    created = clock.now().isoformat(timespec="seconds")
    meta = {
        "question_id": question_id,
        "question_text": question_text,
        "session_id": session_id,
        "seconds": round(audio.seconds, 2),
        "created_at": created,
    }
    atomic_write(where / f"{answer_id}.json", json.dumps(meta, ensure_ascii=False, indent=1))
    os.chmod(where / f"{answer_id}.json", 0o600)
    return _record(path)


def _record(path: Path) -> Recording:
    meta: dict[str, object] = {}
    try:
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    stat = path.stat()
    created = str(meta.get("created_at") or datetime.fromtimestamp(stat.st_mtime, UTC).isoformat(
        timespec="seconds"))  # fmt: skip
    seconds = meta.get("seconds")
    return Recording(
        id=path.stem,
        path=path,
        question_id=str(meta.get("question_id") or ""),
        question_text=str(meta.get("question_text") or ""),
        session_id=str(meta.get("session_id") or ""),
        seconds=float(seconds) if isinstance(seconds, int | float) else 0.0,
        created_at=created,
        bytes=stat.st_size,
    )


def list_recordings(home: Path) -> list[Recording]:
    """Every kept recording, newest first."""
    where = folder(home)
    if not where.is_dir():
        return []
    found = [_record(p) for p in where.glob("*.wav") if p.is_file()]
    return sorted(found, key=lambda r: r.created_at, reverse=True)


def find(home: Path, recording_id: str) -> Recording:
    path = folder(home) / f"{Path(recording_id).name}.wav"
    if not path.is_file():
        known = [r.id for r in list_recordings(home)]
        hint = f"; kept: {', '.join(known[:5])}" if known else "; none are kept"
        raise NotFoundError(f"no recording '{recording_id}'{hint} (see: prep history --recordings)")
    return _record(path)


def delete(home: Path, recording_id: str) -> Recording:
    """Remove a recording (the answer and its transcript stay in the history)."""
    record = find(home, recording_id)
    record.path.unlink(missing_ok=True)
    record.path.with_suffix(".json").unlink(missing_ok=True)
    return record


def copy_all(home: Path, destination: Path) -> int:
    """Copy every recording (with its JSON) into `destination`, made private; the count."""
    records = list_recordings(home)
    if not records:
        return 0
    try:
        destination.mkdir(parents=True, exist_ok=True, mode=0o700)
        for record in records:
            for source in (record.path, record.path.with_suffix(".json")):
                if source.exists():
                    target = destination / source.name
                    shutil.copyfile(source, target)
                    os.chmod(target, 0o600)
    except OSError as error:
        raise PrepError(
            f"cannot copy recordings to {destination}: {error.strerror or error}"
        ) from None
    return len(records)
