"""Chart builders: functions that take core data (frames, Plan) and return Plotly figures.

No Streamlit here; titles and labels come through the translation table (``lang`` argument).
"""
