//! The sandbox: the whole suite on in-process chains, driven through the one deployment recipe.

pub mod simulate;
pub mod story;

/// Where the story's lines go: printed for a person, collected for a test.
pub struct Narrator {
    print: bool,
    pub lines: Vec<String>,
}

impl Narrator {
    pub fn printing() -> Self {
        Narrator {
            print: true,
            lines: vec![],
        }
    }

    pub fn collecting() -> Self {
        Narrator {
            print: false,
            lines: vec![],
        }
    }

    pub fn say(&mut self, line: impl Into<String>) {
        let line = line.into();
        if self.print {
            println!("{line}");
        }
        self.lines.push(line);
    }
}
