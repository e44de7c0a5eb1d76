//! Writing a fixed file: atomically, with the old file's permissions.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Replaces the file at `path` with `text`: a new file is written in the
/// same directory and renamed over the old one, so that a reader sees the
/// old text or the new one, never a part. The new file gets the old one's
/// permissions; a link is followed and its target replaced. A read-only
/// file is refused. On any failure the old file is left as it was.
pub fn replace(path: &Path, text: &str) -> Result<(), String> {
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let permissions = fs::metadata(&target)
        .map_err(|e| format!("cannot read its permissions: {e}"))?
        .permissions();
    if permissions.readonly() {
        return Err("the file is read-only".into());
    }
    let dir = directory(&target);
    let mut temporary = tempfile::Builder::new()
        .prefix(".promolint-fix-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| {
            format!(
                "cannot create a temporary file in {}: {e}",
                shown(&dir).display()
            )
        })?;
    temporary
        .write_all(text.as_bytes())
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(|e| format!("cannot write the temporary file: {e}"))?;
    fs::set_permissions(temporary.path(), permissions)
        .map_err(|e| format!("cannot give the new file the old one's permissions: {e}"))?;
    temporary
        .persist(&target)
        .map_err(|e| format!("cannot rename the new file over the old one: {}", e.error))?;
    Ok(())
}

fn directory(file: &Path) -> PathBuf {
    match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A directory as the user knows it: relative to the current one when it
/// is under it.
fn shown(dir: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| dir.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .filter(|relative| !relative.as_os_str().is_empty())
        .unwrap_or_else(|| dir.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_new_file_keeps_the_permissions_and_no_temporary_file_is_left() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        fs::write(&file, "a: no\n").unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
        replace(&file, "a: \"no\"\n").unwrap();
        assert_eq!(fs::read_to_string(&file).unwrap(), "a: \"no\"\n");
        let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.yaml"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_followed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        let link = dir.path().join("link.yaml");
        fs::write(&file, "a: no\n").unwrap();
        std::os::unix::fs::symlink("a.yaml", &link).unwrap();
        replace(&link, "a: \"no\"\n").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&file).unwrap(), "a: \"no\"\n");
    }
}
