"""What each page shows, without Streamlit: one module per page's data, the exports, and the charts."""
