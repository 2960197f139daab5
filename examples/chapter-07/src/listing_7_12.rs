//! Listing 7.12's window: a button that says hello (the example opens it).

use eframe::egui;

/// The window's contents: one button, `Say hello`, that calls `say_hello` when clicked.
pub struct HelloApp<F: FnMut()> {
    say_hello: F,
}

impl<F: FnMut()> HelloApp<F> {
    /// The window, with what a click does: the book's `command=say_hello`.
    pub fn new(say_hello: F) -> Self {
        HelloApp { say_hello }
    }

    /// Draws the window; egui calls it every frame (immediate mode: no widget outlives a
    /// frame, and a click shows as `clicked()` in the frame that draws the button).
    pub fn ui(&mut self, ctx: &egui::Context) {
        egui::CentralPanel::default().show(ctx, |ui| {
            ui.vertical_centered(|ui| {
                if ui.button("Say hello").clicked() {
                    (self.say_hello)();
                }
            });
        });
    }
}

impl<F: FnMut()> eframe::App for HelloApp<F> {
    fn update(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.ui(ctx);
    }
}
