//! Listing 11.11: `FileUpload`, a client's upload read in a task of its own, and an event that
//! says when it is complete.
//!
//! The book keeps this class in a listing of its own, `chapter_11/listing_11_11.py`, which
//! Listing 11.12 imports; here it is a module of the chapter's library, which 11.12 imports as
//! `chapter_11::listing_11_11::FileUpload`.

use std::sync::{Arc, Mutex};

use asyncio_blocks::Event;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One client's upload: everything it sends until it closes its side.
pub struct FileUpload {
    finished_event: Event,
    buffer: Mutex<Vec<u8>>,
}

impl FileUpload {
    /// Starts reading `connection` in a task of its own (`listen_for_uploads`).
    pub fn listen_for_uploads(connection: TcpStream) -> Arc<FileUpload> {
        let upload = Arc::new(FileUpload {
            finished_event: Event::new(),
            buffer: Mutex::new(Vec::new()),
        });
        tokio::spawn(Arc::clone(&upload).accept_upload(connection));
        upload
    }

    async fn accept_upload(self: Arc<Self>, mut connection: TcpStream) {
        let mut data = [0; 1024];
        // A read error ends the upload as the end of the data does: with what arrived.
        while let Ok(received @ 1..) = connection.read(&mut data).await {
            self.buffer
                .lock()
                .expect("no task panics holding the buffer")
                .extend_from_slice(&data[..received]);
        }
        self.finished_event.set();
        let _ = connection.shutdown().await;
    }

    /// Waits for the upload to complete and returns what was sent (`get_contents`).
    pub async fn get_contents(&self) -> Vec<u8> {
        self.finished_event.wait().await;
        self.buffer
            .lock()
            .expect("no task panics holding the buffer")
            .clone()
    }
}
