//! Opening the files a run reads: regular files only. A FIFO named on the
//! command line (or as `--config`) would block `open` until a writer
//! comes, and a device never ends; neither is a campaign or a policy.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Opens `path` for reading if it is a regular file (after links), else a
/// clear error. The type is checked before opening, and again on the open
/// file: the open is non-blocking, so a FIFO swapped in between cannot
/// hang it either.
pub fn open(path: &Path) -> io::Result<File> {
    let before = std::fs::metadata(path)?;
    if !before.is_file() {
        return Err(not_regular(&before.file_type()));
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let after = file.metadata()?;
    if !after.is_file() {
        return Err(not_regular(&after.file_type()));
    }
    Ok(file)
}

fn not_regular(kind: &std::fs::FileType) -> io::Error {
    io::Error::other(format!(
        "not a regular file ({}); promolint reads only regular files",
        kind_name(kind)
    ))
}

fn kind_name(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else {
        "an unusual kind of file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_is_refused_and_a_file_opens() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let error = open(dir.path()).expect_err("a directory");
        assert!(error.to_string().contains("a directory"), "{error}");
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "a: 1\n").expect("file");
        assert!(open(&file).is_ok());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_device_is_refused() {
        let error = open(Path::new("/dev/zero")).expect_err("a device");
        assert!(error.to_string().contains("a device"), "{error}");
    }
}
