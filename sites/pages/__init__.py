"""Page types of the platform, portal and school sites."""
