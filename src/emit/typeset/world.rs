//! A sealed typst world: one source in memory, embedded fonts, a fixed date.
//!
//! kitei hands typst the main source and nothing else. `read()`, `image()`, `json()`, `#import`
//! of a file or a package all fail with "access denied"; `today()` is the document's date, never
//! the wall clock. Fonts and the standard library are built once per process and shared by every
//! world (they are immutable), which is what makes a batch of hundreds of documents cheap.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The fonts kitei embeds (SIL OFL 1.1, see `assets/fonts/OFL.txt`).
const FONT_FILES: [&[u8]; 3] = [
    include_bytes!("../../../assets/fonts/BIZUDPMincho-Regular.ttf"),
    include_bytes!("../../../assets/fonts/BIZUDPGothic-Regular.ttf"),
    include_bytes!("../../../assets/fonts/BIZUDPGothic-Bold.ttf"),
];

/// What every world shares: the standard library, the font book and the fonts.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = FONT_FILES.iter().flat_map(|bytes| Font::iter(Bytes::new(*bytes))).collect();
        Shared {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// Font family names available to documents (the tests check the embedded ones are there).
#[cfg(test)]
pub(crate) fn font_families() -> Vec<String> {
    shared().fonts.iter().map(|f| f.info().family.clone()).collect()
}

/// A world holding one document.
pub(crate) struct SealedWorld {
    main: Source,
    today: Option<Datetime>,
}

impl SealedWorld {
    /// A world whose only file is `source` and whose today is `date`.
    pub(crate) fn new(source: String, date: chrono::NaiveDate) -> Self {
        use chrono::Datelike;
        let path = VirtualPath::new("/main.typ").expect("a constant, valid path");
        let id = FileId::new(RootedPath::new(VirtualRoot::Project, path));
        // Dates outside typst's range leave `today` unset (then `datetime.today()` is an error).
        let today = Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8);
        Self { main: Source::new(id, source), today }
    }
}

impl World for SealedWorld {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}
