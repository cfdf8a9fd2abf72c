# Install rules and the Debian package (CPack's DEB generator). `cpack` in the build folder
# writes vantage_<version>_<arch>.deb; configured with VANTAGE_BUILD_GUI=OFF it writes
# vantage-headless instead, the same service without the window and its Qt Quick dependencies.
# Paths are Debian's: the package installs under /usr, with the unit in /lib/systemd/system and
# the settings in /etc/vantage, whatever CMAKE_INSTALL_PREFIX a developer's build has.
include(GNUInstallDirs)

set(packaging_dir ${CMAKE_CURRENT_LIST_DIR})
set(packaging_out ${CMAKE_BINARY_DIR}/packaging)

# `cpack` (and `cmake --install`) installs what is built and builds nothing: without this, the
# install step would first build every target, the tests and benchmarks included.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

if(VANTAGE_BUILD_GUI)
    set(package_name vantage)
else()
    set(package_name vantage-headless)
endif()

install(TARGETS vantage RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET vantage_headless)
    install(TARGETS vantage_headless RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/vantage)
endif()

# Debian wants the manual page and the changelog compressed, without a time stamp in the gzip
# header so that two builds of one source give the same package.
function(vantage_gzip source output)
    add_custom_command(OUTPUT ${output}
        COMMAND gzip -9n -c ${source} > ${output}
        DEPENDS ${source}
        COMMENT "Compressing ${source} for the package")
endfunction()
vantage_gzip(${packaging_dir}/vantage.1 ${packaging_out}/vantage.1.gz)
vantage_gzip(${packaging_dir}/changelog ${packaging_out}/changelog.gz)
add_custom_target(vantage_package_files ALL
    DEPENDS ${packaging_out}/vantage.1.gz ${packaging_out}/changelog.gz)

install(FILES ${packaging_out}/vantage.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
set(doc_dir ${CMAKE_INSTALL_DATAROOTDIR}/doc/${package_name})
install(FILES ${packaging_dir}/copyright ${packaging_out}/changelog.gz DESTINATION ${doc_dir})
install(FILES ${PROJECT_SOURCE_DIR}/docs/settings.md ${PROJECT_SOURCE_DIR}/docs/command-line.md
    DESTINATION ${doc_dir})

# The service.
install(FILES ${packaging_dir}/vantage.service DESTINATION /lib/systemd/system)
install(FILES ${packaging_dir}/vantage.sysusers DESTINATION ${CMAKE_INSTALL_LIBDIR}/sysusers.d
    RENAME vantage.conf)
install(FILES ${packaging_dir}/vantage.conf DESTINATION /etc/vantage)

# A Prometheus scrape job and a Grafana dashboard for /metrics (docs/prometheus.md), in both
# packages: starting points an admin copies into the Prometheus and Grafana configuration, so
# under /usr/share rather than /etc, where dpkg would keep them as conffiles nobody edits.
set(share_dir ${CMAKE_INSTALL_DATAROOTDIR}/vantage)
install(FILES ${packaging_dir}/prometheus/vantage-scrape.yml DESTINATION ${share_dir}/prometheus)
install(FILES ${packaging_dir}/grafana/vantage-dashboard.json DESTINATION ${share_dir}/grafana)

# The desktop entry, icons and AppStream metadata: only with the window.
if(VANTAGE_BUILD_GUI)
    install(FILES ${packaging_dir}/vantage.desktop
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/applications)
    install(FILES ${packaging_dir}/io.github.vantage_monitor.vantage.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/metainfo)
    set(icon_dir ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor)
    install(FILES ${packaging_dir}/vantage.svg DESTINATION ${icon_dir}/scalable/apps)
    # The PNG sizes are drawn from the SVG at build time; generated files are never committed.
    find_program(VANTAGE_RSVG_CONVERT rsvg-convert)
    if(VANTAGE_RSVG_CONVERT)
        set(icon_pngs)
        foreach(size 16 22 24 32 48 64 128 256)
            set(png ${packaging_out}/icons/${size}x${size}/vantage.png)
            add_custom_command(OUTPUT ${png}
                COMMAND ${VANTAGE_RSVG_CONVERT} -w ${size} -h ${size}
                    -o ${png} ${packaging_dir}/vantage.svg
                DEPENDS ${packaging_dir}/vantage.svg
                COMMENT "Drawing the ${size}x${size} icon"
                VERBATIM)
            list(APPEND icon_pngs ${png})
            install(FILES ${png} DESTINATION ${icon_dir}/${size}x${size}/apps)
        endforeach()
        add_custom_target(vantage_icons ALL DEPENDS ${icon_pngs})
    else()
        message(WARNING "rsvg-convert (librsvg2-bin) is missing: the package gets the scalable "
            "icon only. scripts/setup.sh installs it.")
    endif()
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ${package_name})
set(CPACK_PACKAGE_VENDOR "The Vantage developers")
set(CPACK_PACKAGE_CONTACT "The Vantage developers <vantage-monitor@users.noreply.github.com>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${PROJECT_HOMEPAGE_URL})
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Qt Quick loads these QML modules at run time: dpkg-shlibdeps cannot see them in the binary.
if(VANTAGE_BUILD_GUI)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "qml6-module-qtquick, qml6-module-qtquick-controls, \
qml6-module-qtquick-templates, qml6-module-qtquick-layouts, qml6-module-qtquick-window, \
qml6-module-qtqml-workerscript, qml6-module-qtcharts")
    set(CPACK_DEBIAN_PACKAGE_CONFLICTS vantage-headless)
    set(CPACK_DEBIAN_PACKAGE_REPLACES vantage-headless)
else()
    set(CPACK_DEBIAN_PACKAGE_CONFLICTS vantage)
    set(CPACK_DEBIAN_PACKAGE_REPLACES vantage)
endif()
# The synopsis is the project's DESCRIPTION; CPack puts it before these lines.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Vantage shows CPU, memory, disks, network, processes and temperatures in a
desktop window, and streams the same numbers at the same moment to any number
of web browsers and to Prometheus, with alerts, notifications and history.
.
The package also holds vantage.service, a hardened systemd service that runs
the web dashboard on servers as the vantage system user; it is not enabled on
install.")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${packaging_dir}/debian/postinst ${packaging_dir}/debian/prerm
    ${packaging_dir}/debian/postrm ${packaging_dir}/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
