//! The botocore model: typed structs ([`shapes`]), loading with errors that
//! name the file and JSON path ([`load`]), and paginators ([`paginators`]).

pub mod check;
pub mod load;
pub mod paginators;
pub mod shapes;
pub mod waiters;

pub use load::{load_paginators, load_service, load_waiters, ModelError};
pub use paginators::{Paginator, Paginators};
pub use shapes::*;
pub use waiters::{Acceptor, Waiter, Waiters};

impl ServiceModel {
    /// The shape named `name`. Loading checked every reference, so a name
    /// taken from the model always resolves; an unknown name is a bug in the
    /// caller and yields `None` rather than a panic.
    pub fn shape(&self, name: &str) -> Option<&Shape> {
        self.shapes.get(name)
    }
}
