# cmake/folders.cmake
#
# The source folders, one static library each, the folders each may use
# (directly or through them: dependencies point down only), the headers
# that are its own business and those only tests may include, for
# cmake/layering.cmake to check every #include against.
# docs/ARCHITECTURE.md says what each folder is for.
#
#   cli -> service -> web -> app -> sources -> config -> filters -> core
#                         \-> digest, storage, net -> core
#   sources -> net, feeds -> markup -> core

omvarld_module(core
  INTERNAL embedded_catalog.h message_catalog.h)
omvarld_module(net USES core
  INTERNAL file_url.h http_headers.h transfer.h)
omvarld_module(markup USES core
  INTERNAL css_sanitize.h html_allowlists.h markup_stops.h sgml_rewrite.h sgml_scanner.h
    uri_scheme.h)
omvarld_module(feeds USES markup core
  INTERNAL charset.h charset_guess.h encoding.h entity_repair.h extension_readers.h
    extensions.h feed_reader.h feed_reader_state.h feed_vocabulary.h field_text.h item_rules.h
    json_feed.h nesting.h straight_items.h straight_reader.h text_position.h xml_tree.h)
omvarld_module(filters USES core
  INTERNAL term_index.h text.h)
omvarld_module(storage USES core
  INTERNAL background_checkpoints.h connection.h identity_rules.h intake_rules.h
    match_replacement.h poll_intake.h rows.h schema.h source_state.h sqlite.h twins.h
  TEST_ONLY test_entry_points.h)
omvarld_module(digest USES core
  INTERNAL envelope.h excerpt.h footer.h highlight.h layout.h
    mailbox.h mime.h render_html.h render_text.h utf8.h)
omvarld_module(config USES filters core
  INTERNAL checks.h draft.h readers.h specs.h table_reader.h toml_errors.h)
omvarld_module(sources USES config net feeds markup core
  INTERNAL date_format.h deadlines.h html_document.h html_reader.h json_path.h
    newsletter_blocks.h web_link.h)
omvarld_module(app USES sources config digest storage filters net core
  INTERNAL document_hash.h poll_policy.h retry_backoff.h)
omvarld_module(web USES app
  INTERNAL post_rate_limit.h)
omvarld_module(service USES web app
  INTERNAL run_status.h run_tasks.h service_notifier.h web_archive.h)
omvarld_module(cli USES service app
  INTERNAL commands.h explanation.h namnd_option.h parse_errors.h terminal_output.h)
