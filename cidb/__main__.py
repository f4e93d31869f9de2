from cidb.cli import main

main()
