"""What a school website is made of: page types, blocks, menus, news, events and more."""
