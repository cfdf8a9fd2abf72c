# Writes the dashboard's colour variables (palette.css) from the colour and format table
# (resources/web/assets/style.json): the "ui" colours of the light scheme on :root, those of the
# dark scheme under prefers-color-scheme: dark. CSS cannot read JSON, so this is the one copy
# of the table, made at build time and never kept in the repository.
# Usage: cmake -DTABLE=style.json -DOUTPUT=palette.css -P palettecss.cmake
file(READ ${TABLE} table)

# The "ui" colours of one scheme as "--name: value;" lines, each value checked to be a colour
# CSS and the desktop read alike.
set(hex "[0-9a-f]")
function(ui_variables scheme indent out)
    string(JSON ui GET "${table}" ${scheme} ui)
    string(JSON count LENGTH "${ui}")
    math(EXPR last "${count} - 1")
    set(lines "")
    foreach(index RANGE ${last})
        string(JSON name MEMBER "${ui}" ${index})
        string(JSON value GET "${ui}" ${name})
        if(NOT value MATCHES "^#${hex}${hex}${hex}${hex}${hex}${hex}(${hex}${hex})?$")
            message(FATAL_ERROR "${TABLE}: ${scheme}.ui.${name} is \"${value}\", not #rrggbb or #rrggbbaa")
        endif()
        string(APPEND lines "${indent}--${name}: ${value};\n")
    endforeach()
    set(${out} "${lines}" PARENT_SCOPE)
endfunction()

ui_variables(light "  " light_lines)
ui_variables(dark "    " dark_lines)
set(css "/* Generated from style.json at build time: edit the table, not this file. */\n\n")
string(APPEND css ":root {\n  color-scheme: light dark;\n${light_lines}}\n\n")
string(APPEND css "@media (prefers-color-scheme: dark) {\n  :root {\n${dark_lines}  }\n}\n")
# Through a temporary file, so that a failed run leaves no half-written output behind.
file(WRITE ${OUTPUT}.part "${css}")
file(RENAME ${OUTPUT}.part ${OUTPUT})
